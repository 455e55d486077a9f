// Kafka's Java client properties (as Kafka Connect workers, Debezium's schema history and the
// Confluent registry's kafkastore.* keys spell them) turned into librdkafka properties, so a
// user's existing worker file configures our clients unchanged.
//
// - Keys both clients share (bootstrap.servers, security.protocol, acks, linger.ms,
//   compression.type, session.timeout.ms, ...) pass through; so does any key this table does
//   not know, for librdkafka to accept or to reject naming it.
// - Renamed: sasl.mechanism -> sasl.mechanisms; buffer.memory (bytes) ->
//   queue.buffering.max.kbytes; max.request.size -> message.max.bytes; fetch.max.wait.ms ->
//   fetch.wait.max.ms; receive/send.buffer.bytes -> socket.receive/send.buffer.bytes;
//   ssl.truststore.location (PEM) -> ssl.ca.location; ssl.keystore.location (PKCS12) stays,
//   (PEM) -> ssl.certificate.location + ssl.key.location; ssl.key.password ->
//   ssl.key.password; partition.assignment.strategy class names -> range / roundrobin /
//   cooperative-sticky.
// - sasl.jaas.config with PlainLoginModule or ScramLoginModule -> sasl.username and
//   sasl.password. Login modules librdkafka cannot run (AWS MSK IAM, Kerberos, OAuth) and JKS
//   stores are NotSupported, naming the key and what to use instead.
// - Java-only keys with no librdkafka meaning (serializers, interceptors, max.block.ms,
//   max.poll.records, ...) are dropped.
//
// Thread-safety: pure function.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::kafka {

// `client` ("producer", "consumer", ...) names the client in errors.
Result<std::map<std::string, std::string>> TranslateJavaClientProperties(
    const std::map<std::string, std::string>& properties, std::string_view client);

}  // namespace tributary::kafka
