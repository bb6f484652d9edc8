#!/usr/bin/env python
"""Benchmark baseline (issue 5): the seed rule's six fields as a splunklib StreamingCommand.

This is how such a command is usually written for Splunk: Python, splunk-sdk's searchcommands,
chunked protocol v2. It computes the same six fields as ``idetunnelscore`` (seed eval lines in
../shared/seed/ide-tunneling-detection.txt) from the same field names (Sysmon, then CIM, then the
``Processes.*`` tstats names), and with ``raw=true`` reads Image/CommandLine from the XmlWinEventLog
``_raw`` when a row has no extracted fields. Benchmark code, not part of the app.
"""
import re
import sys
import xml.etree.ElementTree as ElementTree

from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators

FLAGS = re.IGNORECASE | re.ASCII
RULES = [
    ("IsTunnelCommand", "CommandLine", re.compile(r"tunnel", FLAGS)),
    ("IsCodeCLI", "Image", re.compile(r"(code\.exe|code-tunnel|code-insiders)", FLAGS)),
    ("IsJetBrains", "Image", re.compile(r"(jetbrains-gateway|gateway\.exe|remote-dev-server|idea|pycharm)", FLAGS)),
    ("HasGitHubAuth", "CommandLine", re.compile(r"(--github|github|--provider\s+github)", FLAGS)),
    ("IsHeadless", "CommandLine", re.compile(r"(--cli|--no-browser|--accept-server-license-terms|serve-web)", FLAGS)),
]
ALIASES = {
    "Image": ["Image", "process_path", "Processes.process_path"],
    "CommandLine": ["CommandLine", "process", "Processes.process"],
}
EVENT_NS = "{http://schemas.microsoft.com/win/2004/08/events/event}"


def values(record, field):
    for name in ALIASES[field]:
        value = record.get(name)
        if value:
            return value if isinstance(value, list) else [value]
    return []


def raw_fields(raw):
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        return {}
    out = {}
    for data in root.iter(EVENT_NS + "Data"):
        name = data.get("Name")
        if name in ("Image", "CommandLine") and data.text:
            out[name] = data.text
    return out


@Configuration()
class SeedCommand(StreamingCommand):
    raw = Option(require=False, validate=validators.Boolean(), default=False)

    def stream(self, records):
        for record in records:
            source = record
            if self.raw and not values(record, "Image") and not values(record, "CommandLine") and record.get("_raw"):
                source = raw_fields(record["_raw"])
            flags = {}
            for name, field, pattern in RULES:
                flags[name] = 1 if any(pattern.search(v) for v in values(source, field)) else 0
            flags["RiskScore"] = flags["IsTunnelCommand"] + flags["HasGitHubAuth"] + flags["IsHeadless"]
            record.update(flags)
            yield record


dispatch(SeedCommand, sys.argv, sys.stdin, sys.stdout, __name__)
