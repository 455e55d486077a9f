#include "connect/config.h"

#include <gtest/gtest.h>

namespace tributary::connect {
namespace {

TEST(ConfigTest, ParsesJavaProperties) {
  auto c = Config::ParseProperties(
      "# comment\n"
      "! also a comment\n"
      "name=movies-source\n"
      "connector.class = io.debezium.connector.mysql.MySqlConnector\n"
      "database.password:s3cr=t\n"
      "transforms.unwrap.add.fields=op,\\\n"
      "    source.ts_ms\n"
      "path=C\\:\\\\data\n"
      "unicode=caf\\u00e9\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->GetString("name"), "movies-source");
  EXPECT_EQ(c->GetString("connector.class"), "io.debezium.connector.mysql.MySqlConnector");
  EXPECT_EQ(c->GetString("database.password"), "s3cr=t");
  EXPECT_EQ(c->GetList("transforms.unwrap.add.fields"),
            (std::vector<std::string>{"op", "source.ts_ms"}));
  EXPECT_EQ(c->GetString("path"), "C:\\data");
  EXPECT_EQ(c->GetString("unicode"), "caf\xc3\xa9");
}

TEST(ConfigTest, TypedGettersNameTheKey) {
  Config c({{"flush.size", "ten"}, {"drop.tombstones", "FALSE"}});
  auto n = c.GetInt("flush.size", 0);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().message(), "config key 'flush.size' must be an integer, got 'ten'");
  EXPECT_EQ(*c.GetBool("drop.tombstones", true), false);
  EXPECT_EQ(*c.GetInt("missing", 42), 42);
}

TEST(ConfigTest, PrefixViewsAndRedaction) {
  Config c({{"value.converter", "x"},
            {"value.converter.registry.name", "vals"},
            {"database.password", "pw"}});
  EXPECT_EQ(c.WithPrefix("value.converter.").values(),
            (std::map<std::string, std::string>{{"registry.name", "vals"}}));
  EXPECT_EQ(c.Redacted().at("database.password"), "[hidden]");
  EXPECT_EQ(c.Redacted().at("value.converter"), "x");
}

TEST(ConfigTest, SecretKeysIncludeKeyMaterialWithoutPasswordInTheName) {
  for (const char* key :
       {"database.password", "ssl.key.password", "producer.ssl.truststore.password",
        "aws.secret.access.key", "sasl.jaas.config", "consumer.override.sasl.jaas.config",
        "ssl.keystore.key", "database.ssl.keystore.key", "ssl.keystore.certificate.chain",
        "admin.ssl.truststore.certificates", "value.converter.basic.auth.user.info",
        "schema.registry.basic.auth.user.info", "key.converter.bearer.auth.token",
        "bearer.auth.client.secret", "s3.sse.customer.key", "s3.proxy.password",
        "sasl.oauthbearer.assertion.private.key.passphrase", "aws.credentials.json",
        "Database.Password"})
    EXPECT_TRUE(Config::IsSecretKey(key)) << key;
  for (const char* key :
       {"database.user", "aws.access.key.id", "ssl.keystore.location", "ssl.keystore.type",
        "ssl.truststore.location", "key.converter", "s3.sse.kms.key.id",
        "message.key.columns", "ssl.key.alias"})
    EXPECT_FALSE(Config::IsSecretKey(key)) << key;
}

}  // namespace
}  // namespace tributary::connect
