#include "storage/s3_xml.h"

#include <gtest/gtest.h>

namespace tributary::storage {
namespace {

TEST(S3XmlTest, ReadsListingEntriesAndUnescapesKeys) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"x\">"
      "<Name>b</Name><IsTruncated>true</IsTruncated>"
      "<Contents><Key>a&amp;b &lt;c&gt;/&#252;&#x20AC;</Key><Size>12</Size></Contents>"
      "<Contents><Key>k2</Key><Size>0</Size></Contents>"
      "<NextContinuationToken>tok/+=</NextContinuationToken></ListBucketResult>";
  auto contents = XmlElements(xml, "Contents");
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(XmlElementText(contents[0], "Key"), "a&b <c>/ü€");
  EXPECT_EQ(XmlElementText(contents[0], "Size"), "12");
  EXPECT_EQ(XmlElementText(contents[1], "Key"), "k2");
  EXPECT_EQ(XmlElementText(xml, "IsTruncated"), "true");
  EXPECT_EQ(XmlElementText(xml, "NextContinuationToken"), "tok/+=");
  EXPECT_EQ(XmlElementText(xml, "Missing"), std::nullopt);
}

TEST(S3XmlTest, ElementNamesMustMatchWholly) {
  std::string xml = "<KeyCount>2</KeyCount><Key>x</Key><Empty/>";
  EXPECT_EQ(XmlElementText(xml, "Key"), "x");
  EXPECT_EQ(XmlElementText(xml, "Empty"), "");
}

TEST(S3XmlTest, EscapeRoundTrips) {
  std::string text = "a&b<c>\"d'e ü";
  EXPECT_EQ(XmlUnescape(XmlEscape(text)), text);
}

}  // namespace
}  // namespace tributary::storage
