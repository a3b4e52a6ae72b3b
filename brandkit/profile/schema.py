"""The profile's JSON Schema, generated from the model (``brandkit schema`` prints it).

The package ships a copy, ``brandkit/profile.schema.json``; a test keeps it identical
to what this module generates, so it is never maintained by hand.
"""

from __future__ import annotations

import json

from brandkit.profile.fields import json_schema
from brandkit.profile.model import Profile


def schema_text() -> str:
    schema = json_schema(Profile)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
