"""``danvan petition_rules``: the sets of legal deadlines, checked.

Lists each set (its dates, its legal basis, its rules); ``--check`` only
validates them (a gap or overlap between their dates, a kind of petition
without its rules) and fails with the problems; ``--refresh`` computes again
the next deadline of the open petitions after a set was corrected.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.petitions import services
from danvan.petitions.models import OPEN, Petition, RuleSet


def _span(rule_set: RuleSet) -> str:
    end = f"{rule_set.valid_to:%d/%m/%Y}" if rule_set.valid_to else "…"
    return f"{rule_set.valid_from:%d/%m/%Y} – {end}"


class Command(BaseCommand):
    help = "List and check the sets of legal deadlines of petitions."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the sets: fail on a gap, an overlap or a missing rule.",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Compute again the next deadline of the open petitions.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sets = list(RuleSet.objects.prefetch_related("rules").order_by("valid_from"))
        problems = services.rule_set_problems(sets)
        if not options["check"]:
            for rule_set in sets:
                self.stdout.write(f"{_span(rule_set)}  {rule_set.name}")
                for rule in rule_set.rules.all():
                    conditions = [
                        str(label)
                        for flag, label in (
                            (rule.remote, _("remote area")),
                            (rule.complex_case, _("complex case")),
                        )
                        if flag
                    ]
                    times = f" ×{rule.times}" if rule.times > 1 else ""
                    self.stdout.write(
                        f"    {rule.get_kind_display()} · {rule.get_step_display()}"
                        f"{' (' + ', '.join(conditions) + ')' if conditions else ''}: "
                        f"{rule.days} {rule.get_day_kind_display()}{times} "
                        f"— {rule.basis}"
                    )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            _("%(n)s sets of legal deadlines, no gap, no overlap.") % {"n": len(sets)}
        )
        if options["refresh"]:
            changed = services.refresh_due(
                Petition.objects.filter(status__in=OPEN).select_related("rule_set")
            )
            self.stdout.write(
                _("%(n)s petitions have a new next deadline.") % {"n": changed}
            )
