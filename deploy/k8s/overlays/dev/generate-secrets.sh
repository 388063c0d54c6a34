#!/usr/bin/env bash
# Makes the dev overlay's Secrets in secrets/ (git-ignored), once: a signing key, the token clients
# (an admin, printed, and a register reader per service that reads the enterprise register; only
# hashes reach the gateway), database
# and Redis passwords, and a Data Protection certificate per service. The PostgreSQL roles and Redis
# must be given the same passwords (docs/operations.md).
#   generate-secrets.sh [--force]   --force replaces them all
set -euo pipefail

DIR=$(cd "$(dirname "$0")" && pwd)/secrets
if [ "${1:-}" = "--force" ]; then
  rm -rf "$DIR"
fi
if [ -f "$DIR/signing-key.pem" ]; then
  echo "Secrets already in $DIR (--force replaces them)."
  exit 0
fi
mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077
random() { openssl rand -hex 20; }
sha256_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/signing-key.pem" 2>/dev/null

# The services, each with its database and Data Protection certificate; those that read the
# enterprise register also have a client of the token endpoint.
SERVICES=(plans enterprises platforms talent)
REGISTER_READERS=(plans platforms talent)

admin_secret=$(random)
{
  echo "TokenIssuer__Clients__0__ClientId=dev-admin"
  echo "TokenIssuer__Clients__0__SecretHash=sha256:$(sha256_of "$admin_secret")"
  echo "TokenIssuer__Clients__0__Scopes__0=*"
  index=1
  for service in "${REGISTER_READERS[@]}"; do
    secret=$(random)
    echo "TokenIssuer__Clients__${index}__ClientId=$service-service"
    echo "TokenIssuer__Clients__${index}__SecretHash=sha256:$(sha256_of "$secret")"
    echo "TokenIssuer__Clients__${index}__Scopes__0=enterprises.read"
    echo "Registers__Enterprises__ClientSecret=$secret" >"$DIR/$service-register-client.env"
    index=$((index + 1))
  done
} >"$DIR/gateway-clients.env"

for service in "${SERVICES[@]}"; do
  echo "Database__ConnectionString=Host=sti-postgres-rw.databases;Database=$service;Username=$service;Password=$(random)" \
    >"$DIR/$service-database.env"
  password=$(random)
  echo "password=$password" >"$DIR/$service-dataprotection.env"
  openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=$service-dataprotection" \
    -keyout "$DIR/$service-dataprotection.key" -out "$DIR/$service-dataprotection.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$DIR/$service-dataprotection.key" -in "$DIR/$service-dataprotection.crt" \
    -out "$DIR/$service-dataprotection.pfx" -passout "pass:$password"
  rm "$DIR/$service-dataprotection.key" "$DIR/$service-dataprotection.crt"
done
echo "EventBus__Redis=redis.databases:6379,password=$(random)" >"$DIR/redis.env"

echo "Secrets written to $DIR."
echo "  admin client   dev-admin / $admin_secret"
