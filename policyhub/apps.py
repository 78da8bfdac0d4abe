from django.apps import AppConfig


class PolicyHubConfig(AppConfig):
    name = "policyhub"
    verbose_name = "PolicyHub"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_delete

        from policyhub import checks  # noqa: F401  (registers the deploy checks)
        from policyhub.history import detach_user
        from policyhub.middleware import remember_auth_time

        user_logged_in.connect(remember_auth_time, dispatch_uid="policyhub.auth_time")
        pre_delete.connect(
            detach_user, sender=settings.AUTH_USER_MODEL, dispatch_uid="policyhub.detach_user"
        )
