#!/usr/bin/env bash
# Makes the development CA, a certificate for every local peer (gateways, hub, registry, back-office systems, staff)
# and the development secrets (hub signing key, hub symbol secret, each gateway institution's key-encryption key in
# institution-keys/CODE.kek, checkpoint keys) into this folder.
# Whatever exists is kept. The identity of each peer is in its certificate: O = institution, OU = role, CN = name.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
exec dotnet "$root/src/Linkage.Cli/bin/${CONFIG:-Debug}/net10.0/linkage.dll" dev-certs --dir "$here"
