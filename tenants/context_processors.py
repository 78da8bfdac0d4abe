from django.utils.functional import SimpleLazyObject


def companies(request):
    """The signed-in user's companies for the company switcher, loaded only when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_memberships": SimpleLazyObject(
            lambda: list(user.memberships.select_related("tenant").order_by("tenant__legal_name"))
        ),
        "current_membership": getattr(request, "membership", None),
    }
