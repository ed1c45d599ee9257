#!/usr/bin/python3
"""Prints, as JSON, what Calc's function wizard knows about the add-in's functions.

    /usr/bin/python3 function_wizard.py PROFILE_URL PIPE_NAME

Starts a headless soffice with the given profile (the add-in installed in it) listening
on a named pipe, connects with Python-UNO, reads com.sun.star.sheet.FunctionDescriptions
(the data the function wizard shows: name, description, category, each argument's name,
description and whether it is optional) for every function whose name starts with AEX,
then computes =AEXRANKEQ(2;{1;2;3}) typed with the display name in a new spreadsheet
(setFormula takes the English names), and stops soffice.  Runs in LibreOffice's own
Python (Debian: /usr/bin/python3 with python3-uno), not in the test virtual environment.
"""

import json
import subprocess
import sys
import time

import uno
from com.sun.star.connection import NoConnectException


def main() -> int:
    profile, pipe = sys.argv[1], sys.argv[2]
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(600):  # up to 60 s for soffice to start
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.1)
        if ctx is None:
            print("soffice did not accept a connection", file=sys.stderr)
            return 1
        smgr = ctx.ServiceManager
        descriptions = smgr.createInstanceWithContext("com.sun.star.sheet.FunctionDescriptions", ctx)
        out = {}
        for i in range(descriptions.getCount()):
            props = {p.Name: p.Value for p in descriptions.getByIndex(i)}
            name = props.get("Name", "")
            if not name.upper().startswith("AEX"):
                continue
            out[name] = {
                "description": props.get("Description", ""),
                "category": props.get("Category"),
                "arguments": [
                    {"name": a.Name, "description": a.Description, "optional": bool(a.IsOptional)}
                    for a in props.get("Arguments", ())
                ],
            }
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        hidden = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        hidden.Name, hidden.Value = "Hidden", True
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
        cell = doc.Sheets.getByIndex(0).getCellByPosition(0, 0)
        cell.setFormula("=AEXRANKEQ(2;{1;2;3})")
        doc.calculateAll()
        typed = {"formula": cell.getFormula(), "value": cell.getValue()}
        doc.close(True)
        print(json.dumps({"functions": out, "typed": typed}))
        try:
            desktop.terminate()
        except Exception:  # the bridge closes as soffice exits
            pass
        return 0
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    sys.exit(main())
