"""publiccode.yml: validation against civiscan's vendored v0.7 JSON Schema, SPDX parsing of
``legal.license``, and the key fields that rules and other collectors read."""
