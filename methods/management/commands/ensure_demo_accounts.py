"""Create the demo login(s) for `make run` and print them.

Passwords are random per machine and kept in the git-ignored file .demo-accounts,
so no secret is in the repository and a second run prints the same login.
"""

import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

ACCOUNTS_FILE = Path(settings.BASE_DIR) / ".demo-accounts"
# username -> (group or None for superuser, description)
DEMO_ACCOUNTS = {
    "admin": (None, "beheerder (alle rechten)"),
    "redacteur": ("Redacteuren", "redacteur (maakt en bewerkt, stuurt ter beoordeling)"),
    "moderator": ("Moderatoren", "moderator (keurt goed en publiceert)"),
}


class Command(BaseCommand):
    help = "Create the demo admin, editor and moderator accounts and print their logins."

    def handle(self, *args, **options):
        stored = json.loads(ACCOUNTS_FILE.read_text()) if ACCOUNTS_FILE.exists() else {}
        User = get_user_model()
        lines = []
        for username, (group_name, description) in DEMO_ACCOUNTS.items():
            if group_name and not Group.objects.filter(name=group_name).exists():
                continue  # the group comes with the moderation workflow; skip until it exists
            password = stored.get(username) or secrets.token_urlsafe(12)
            stored[username] = password
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.invalid"})
            if created or not user.check_password(password):
                user.set_password(password)
            user.is_staff = True
            user.is_superuser = group_name is None
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            lines.append(f"  {username:10} / {password}   {description}")
        ACCOUNTS_FILE.write_text(json.dumps(stored, indent=2))
        ACCOUNTS_FILE.chmod(0o600)
        self.stdout.write("Inloggen op /admin/ met:\n" + "\n".join(lines))
