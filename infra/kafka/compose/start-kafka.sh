#!/bin/bash
# docker-compose's Kafka: the same single-node, SASL_SSL + SCRAM-SHA-512 broker as the local stack's
# (tools/local-stack/components/kafka.ts), from the secrets make-secrets.sh created. Formats the
# storage on first start with a SCRAM credential per principal, then runs the broker.
set -euo pipefail
umask 077
secrets=/secrets
config=/tmp/server.properties
pass=$(cat "$secrets/keystore.password")
admin=$(cat "$secrets/provisioning-principal")
jaas() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$(cat "$secrets/passwords/$1")\";"
}
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
# Clients: SCRAM-SHA-512 over TLS only. SCRAM cannot protect the controller listener (the credentials
# live in the metadata log it serves): it listens on the container's loopback only and requires the
# broker's own certificate (mutual TLS).
listeners=SASL_SSL://:9092,CONTROLLER://localhost:9093
advertised.listeners=SASL_SSL://kafka:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$(jaas kafka-broker)
ssl.keystore.type=PKCS12
ssl.keystore.location=$secrets/broker.p12
ssl.keystore.password=$pass
ssl.key.password=$pass
ssl.truststore.type=PKCS12
ssl.truststore.location=$secrets/truststore.p12
ssl.truststore.password=$pass
listener.name.controller.ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$admin;User:kafka-broker
log.dirs=/var/lib/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES

# What the health check connects with: the provisioning principal.
cat > /tmp/admin-client.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(jaas "$admin")
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/ca.crt
PROPERTIES

if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  scram=()
  for file in "$secrets"/passwords/*; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$(basename "$file"),password=$(cat "$file")]")
  done
  /opt/kafka/bin/kafka-storage.sh format -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    -c "$config" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
