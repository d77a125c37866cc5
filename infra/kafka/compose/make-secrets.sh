#!/bin/bash
# docker-compose's `kafka-secrets` step (the apache/kafka image: bash and the JDK's keytool). Creates
# once, in the kafka-secrets volume: a CA of its own, the broker's key store (SAN kafka, localhost)
# and a random SCRAM-SHA-512 password per Kafka principal of the organisation directory, plus the
# broker's own (kafka-broker), and the registry's master key (master.key). The same layout as `npm run stack:up` makes with openssl
# (tools/local-stack/components/kafka-secrets.ts); PKCS12 here because the image has no openssl.
set -euo pipefail
umask 077
secrets=/secrets
directory=/directory/organisations.json

random() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

if [ ! -s "$secrets/broker.p12" ]; then
  random > "$secrets/keystore.password"
  pass=$(cat "$secrets/keystore.password")
  keytool -genkeypair -alias ca -dname 'CN=MAPPA Exchange Hub compose CA' -ext bc:c \
    -keyalg RSA -keysize 3072 -validity 3650 -storetype PKCS12 \
    -keystore "$secrets/ca.p12" -storepass "$pass"
  keytool -exportcert -rfc -alias ca -keystore "$secrets/ca.p12" -storepass "$pass" \
    -file "$secrets/ca.crt"
  keytool -genkeypair -alias broker -dname 'CN=kafka-broker' -keyalg RSA -keysize 2048 \
    -validity 3650 -storetype PKCS12 -keystore "$secrets/broker.p12" -storepass "$pass"
  keytool -certreq -alias broker -keystore "$secrets/broker.p12" -storepass "$pass" |
    keytool -gencert -rfc -alias ca -keystore "$secrets/ca.p12" -storepass "$pass" \
      -validity 3650 -ext SAN=dns:kafka,dns:localhost,ip:127.0.0.1 \
      -ext EKU=serverAuth,clientAuth -ext KU=digitalSignature,keyEncipherment \
      > "$secrets/broker.crt"
  keytool -importcert -noprompt -alias ca -file "$secrets/ca.crt" \
    -keystore "$secrets/broker.p12" -storepass "$pass"
  keytool -importcert -alias broker -file "$secrets/broker.crt" \
    -keystore "$secrets/broker.p12" -storepass "$pass"
  keytool -importcert -noprompt -alias ca -file "$secrets/ca.crt" -storetype PKCS12 \
    -keystore "$secrets/truststore.p12" -storepass "$pass"
  # The CA certificate is public: every client reads it.
  chmod 0644 "$secrets/ca.crt"
fi

# The principals of the organisation directory (every system's "kafkaPrincipal"), and the broker.
mkdir -p "$secrets/passwords"
for principal in kafka-broker $(grep -o '"kafkaPrincipal": *"[^"]*"' "$directory" | sed -E 's/.*"([^"]*)"$/\1/'); do
  [ -s "$secrets/passwords/$principal" ] || random > "$secrets/passwords/$principal"
done
# The Kafka super user: the directory's provisioning system.
tr -d '\n' < "$directory" |
  grep -o '"kafkaPrincipal": *"[^"]*"[^{}]*"hubService": *"provisioning"' |
  sed -E 's/^"kafkaPrincipal": *"([^"]*)".*/\1/' > "$secrets/provisioning-principal"
# The registry's master key: wraps every person's data key (32 random bytes, base64; never replaced,
# which would leave every data key unreadable).
[ -s "$secrets/master.key" ] || head -c 32 /dev/urandom | base64 > "$secrets/master.key"
# appuser (the Kafka image) and node (the hub's image) are both uid 1000.
chown -R 1000:1000 "$secrets"
chmod 0755 "$secrets"
