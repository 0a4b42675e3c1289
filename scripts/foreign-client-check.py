#!/usr/bin/env python3
# Checks a running gateway (make run) with a gRPC client that is not ours: Debian python3-grpcio
# (apt-get install -y python3-grpcio). Health must be SERVING, reflection must list the services, and a client
# without a certificate must be refused. Run from the repository root: /usr/bin/python3 scripts/foreign-client-check.py
import grpc
root=open('certs-dev/ca.pem','rb').read(); cert=open('certs-dev/staff-admin.pem','rb').read(); key=open('certs-dev/staff-admin.key','rb').read()
creds=grpc.ssl_channel_credentials(root_certificates=root, private_key=key, certificate_chain=cert)
ch=grpc.secure_channel('localhost:7100', creds)
# grpc.health.v1.Health/Check with an empty HealthCheckRequest; response field 1 = status (1 = SERVING)
check=ch.unary_unary('/grpc.health.v1.Health/Check', request_serializer=lambda x: x, response_deserializer=lambda x: x)
resp=check(b'', timeout=5)
print('health response bytes', resp, 'SERVING' if resp==b'\x08\x01' else 'NOT SERVING')
# reflection: ServerReflectionRequest{list_services = ""} is field 7 (string) -> bytes 0x3a 0x00
refl=ch.stream_stream('/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo', request_serializer=lambda x: x, response_deserializer=lambda x: x)
for r in refl(iter([b'\x3a\x00']), timeout=5):
    import re
    print('services:', sorted(set(re.findall(rb'[a-z]+(?:\.[a-zA-Z0-9]+)+', r))))
    break
# without a client certificate
bad=grpc.secure_channel('localhost:7100', grpc.ssl_channel_credentials(root_certificates=root))
try:
    bad.unary_unary('/grpc.health.v1.Health/Check', request_serializer=lambda x: x, response_deserializer=lambda x: x)(b'', timeout=5)
    print('UNEXPECTED: served without client cert')
except grpc.RpcError as e:
    print('without client certificate:', e.code())
