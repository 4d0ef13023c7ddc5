"""Exercise fourmu's schema registry with Confluent's own Python client (Debian python3-confluent-kafka)
and decode a record fourmu produced with Debian's python3-avro, using the schema fetched by its id.

Usage: confluent_client_check.py REGISTRY_URL RECORD_FILE; prints one JSON object."""
import io
import json
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

url, record_file = sys.argv[1], sys.argv[2]
client = SchemaRegistryClient({"url": url})
out = {"subjects": client.get_subjects()}

latest = client.get_latest_version("fourmu.events-value")
out["latest"] = {"id": latest.schema_id, "version": latest.version}

record = open(record_file, "rb").read()
magic, schema_id = struct.unpack(">bI", record[:5])
out["magic"] = magic
out["schema_id"] = schema_id
writer = avro.schema.parse(client.get_schema(schema_id).schema_str)
event = avro.io.DatumReader(writer).read(avro.io.BinaryDecoder(io.BytesIO(record[5:])))
out["event"] = {"run": event["run"], "eventNumber": event["eventNumber"], "tracks": len(event["tracks"]),
                "px0": event["tracks"][0]["px"]}

v1 = '{"type":"record","name":"P","fields":[{"name":"a","type":"int"}]}'
v2 = '{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":""}]}'
bad = '{"type":"record","name":"P","fields":[{"name":"a","type":"string"}]}'
out["py_id"] = client.register_schema("python-value", Schema(v1, "AVRO"))
out["compatible_v2"] = client.test_compatibility("python-value", Schema(v2, "AVRO"))
out["compatible_bad"] = client.test_compatibility("python-value", Schema(bad, "AVRO"))
out["py_id_v2"] = client.register_schema("python-value", Schema(v2, "AVRO"))
out["python_versions"] = client.get_versions("python-value")
out["lookup_version"] = client.lookup_schema("python-value", Schema(v1, "AVRO")).version
print(json.dumps(out))
