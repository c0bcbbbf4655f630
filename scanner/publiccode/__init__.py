"""publiccode.yml: validation as the reference validator (italia/publiccode-parser-go) does it
without the network, SPDX parsing of ``legal.license``, and the key fields that rules and other
collectors read."""
