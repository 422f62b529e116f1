# Parses one XML document from stdin with Python's expat (a strict XML 1.0 parser, independent of
# the service) and prints every attribute value and text as a JSON list; exits 1 if not well-formed.
import json
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.fromstring(sys.stdin.buffer.read())
except ET.ParseError as error:
    print(f"not well-formed: {error}", file=sys.stderr)
    sys.exit(1)
values = []
for element in root.iter():
    values.extend(element.attrib.values())
    if element.text and element.text.strip():
        values.append(element.text)
print(json.dumps(values))
