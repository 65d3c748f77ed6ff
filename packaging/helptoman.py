#!/usr/bin/env python3
"""Writes a man page from a program's own --help and --version output.

The man pages are generated from what the built program prints, so that
they never disagree with --help. For retort-cli, each command's --help
becomes a section of its own (the commands are asked from the program with
`__complete commands`).

Usage: helptoman.py PROGRAM NAME SUMMARY OUTPUT [--commands]
"""
import datetime
import os
import re
import subprocess
import sys


def run(program, *arguments):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    result = subprocess.run([program, *arguments], capture_output=True, text=True, env=environment, check=False)
    if result.returncode != 0:
        sys.exit(f"helptoman: {program} {' '.join(arguments)} exited with {result.returncode}: {result.stderr}")
    return result.stdout


def roff(text):
    """Escapes text for roff: backslashes, hyphens and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def sections(help_text):
    """Splits a QCommandLineParser help text into the usage line, the
    description and the titled lists ("Options:", "Arguments:", "Commands:"),
    each a list of (term, description) pairs; other text goes to notes."""
    lines = help_text.rstrip("\n").split("\n")
    usage = lines[0].removeprefix("Usage: ")
    # Qt prints the path the program was started with; the page shows its name.
    usage = os.path.basename(usage.split(" ", 1)[0]) + " " + usage.split(" ", 1)[1]
    description, lists, notes = [], [], []
    current = None
    for line in lines[1:]:
        heading = re.fullmatch(r"([A-Z][A-Za-z ]*):", line)
        if heading:
            current = (heading.group(1), [])
            lists.append(current)
        elif not line.strip():
            if current is not None and current[1]:
                current = None
        elif current is None:
            (notes if lists else description).append(line.strip())
        elif re.match(r"  \S", line):
            term, _, text = line.strip().partition("  ")
            current[1].append([term, text.strip()])
        else:  # a description wrapped onto the next line
            current[1][-1][1] += " " + line.strip()
    return usage, " ".join(description), lists, notes


def entries_roff(entries):
    return [line for term, text in entries for line in (".TP", f".B {roff(term)}", roff(text))]


def main():
    arguments = sys.argv[1:]
    with_commands = "--commands" in arguments
    program, name, summary, output = [a for a in arguments if a != "--commands"]
    version = run(program, "--version").split()[-1]
    usage, description, lists, notes = sections(run(program, "--help"))
    # SOURCE_DATE_EPOCH for reproducible packages; else today.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    date = when.strftime("%Y-%m-%d")
    page = [
        f'.TH {name.upper()} 1 "{date}" "{name} {version}" "User Commands"',
        ".SH NAME",
        f"{roff(name)} \\- {roff(summary)}",
        ".SH SYNOPSIS",
        f".B {roff(usage)}",
        ".SH DESCRIPTION",
        roff(description),
    ]
    for title, entries in lists:
        page += [f".SH {roff(title.upper())}"] + entries_roff(entries)
    for note in notes:
        page += [".PP", roff(note)]
    if with_commands:
        global_options = {term for title, entries in lists if title == "Options" for term, _ in entries}
        page.append(".SH COMMAND DETAILS")
        for command in run(program, "__complete", "commands").split():
            c_usage, c_description, c_lists, _ = sections(run(program, command, "--help"))
            page += [f".SS {roff(command)}", f".B {roff(c_usage)}", ".PP", roff(c_description)]
            for title, entries in c_lists:
                own = [e for e in entries if e[0] not in global_options]
                if title == "Options" and own:
                    page += [".RS"] + entries_roff(own) + [".RE"]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(page) + "\n")


main()
