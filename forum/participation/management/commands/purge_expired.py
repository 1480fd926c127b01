from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from forum.participation.retention import expired_purge


class Command(BaseCommand):
    help = (
        "Gallring: delete or anonymise what each forum keeps longer than its retention "
        "period (free text, device links, 'about you' answers), keeping anonymous totals. "
        "Safe to run again; run it daily (README, Operations; deploy/rostrum-purge.*)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what a run would do now, per forum and kind, and change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = expired_purge(dry_run=options["dry_run"])
        verb = "would change" if report.dry_run else "changed"
        for forum in report.forums:
            changed = {kind: n for kind, n in forum.counts.items() if n}
            summary = ", ".join(f"{kind}={n}" for kind, n in changed.items()) or "nothing"
            self.stdout.write(
                f"forum {forum.forum_id} ({forum.forum_name}), before "
                f"{forum.cutoff:%Y-%m-%d %H:%M}: {summary}"
            )
        totals = ", ".join(f"{kind}={n}" for kind, n in report.totals.items())
        self.stdout.write(f"{verb} in all: {totals}")
