"""Summarise `pausepost check --jsonl` output: one line per post (used by `make demo`)."""

import json
import sys

for line in sys.stdin:
    report = json.loads(line)
    if "error" in report:
        print(f"{report.get('id')}: could not check: {report['error']}")
        continue
    rules = ", ".join(f"{f['rule']} ({f['level']}: {f['evidence']!r})" for f in report["findings"])
    print(f"{report['id']}: {report['verdict'].upper():<5} {rules or '-'}")
