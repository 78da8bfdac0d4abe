import re
from urllib.parse import urlsplit

import factory

from accounts.models import User
from tenants.models import Membership, Tenant
from tenants.roles import Role

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name", locale="lv_LV")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant

    legal_name = factory.Sequence(lambda n: f'SIA "Uzņēmums {n}"')
    slug = factory.Sequence(lambda n: f"uznemums-{n}")
    country = "LV"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR


def confirm_signup(client, outbox):
    """Follow the link of the latest sign-up e-mail, as its recipient would: open it, then
    confirm. Returns the confirmation's response."""
    for message in reversed(outbox):
        match = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", message.body)
        if match:
            path = urlsplit(match.group(0)).path
            assert client.get(path).status_code == 200
            return client.post(path)
    raise AssertionError("no sign-up e-mail")
