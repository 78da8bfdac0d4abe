from django.apps import AppConfig


class PolicyHubConfig(AppConfig):
    name = "policyhub"
    verbose_name = "PolicyHub"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from policyhub import checks  # noqa: F401  (registers the deploy checks)
        from policyhub.middleware import remember_auth_time

        user_logged_in.connect(remember_auth_time, dispatch_uid="policyhub.auth_time")
