#include "s3sink/joda_date_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "s3sink/time_zone.h"
#include "s3sink/timestamp_extractor.h"

namespace tributary::s3sink {
namespace {

std::string Fmt(std::string_view pattern, int64_t ms, std::string_view zone = "UTC") {
  auto f = JodaDateFormat::Compile(pattern);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  auto z = TimeZone::ForId(zone);
  EXPECT_TRUE(z.ok()) << z.status().ToString();
  return f->Format(ms, *z);
}

constexpr int64_t k20261127T163005 = 1795797005123;  // 2026-11-27T16:30:05.123Z (a Friday)

TEST(JodaDateFormatTest, ConfluentsHourlyAndDailyPaths) {
  EXPECT_EQ(Fmt("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", k20261127T163005),
            "year=2026/month=11/day=27/hour=16");
  EXPECT_EQ(Fmt("'year'=YYYY/'month'=MM/'day'=dd", k20261127T163005), "year=2026/month=11/day=27");
}

TEST(JodaDateFormatTest, FieldsAndTexts) {
  EXPECT_EQ(Fmt("yyyy-MM-dd'T'HH:mm:ss.SSSZZ", k20261127T163005), "2026-11-27T16:30:05.123+00:00");
  EXPECT_EQ(Fmt("yy M d H m s", k20261127T163005), "26 11 27 16 30 5");
  EXPECT_EQ(Fmt("MMM MMMM EEE EEEE e D", k20261127T163005), "Nov November Fri Friday 5 331");
  EXPECT_EQ(Fmt("hh a kk KK", k20261127T163005), "04 PM 16 04");
  EXPECT_EQ(Fmt("'it''s' ''", k20261127T163005), "it's '");
  EXPECT_EQ(Fmt("yyyyMMdd", 0), "19700101");
  EXPECT_EQ(Fmt("yyyy-MM-dd HH", -1), "1969-12-31 23");
}

TEST(JodaDateFormatTest, ZonesApplyTheirOffsetsIncludingDaylightSaving) {
  // 2026-07-04T15:30Z is 11:30 EDT (UTC-4); 2026-11-27T16:30Z is 11:30 EST (UTC-5).
  EXPECT_EQ(Fmt("dd HH:mm Z", 1783179000000, "America/New_York"), "04 11:30 -0400");
  EXPECT_EQ(Fmt("dd HH:mm Z", k20261127T163005, "America/New_York"), "27 11:30 -0500");
  EXPECT_EQ(Fmt("HH:mm", k20261127T163005, "Asia/Kolkata"), "22:00");
  EXPECT_EQ(Fmt("HH:mm", k20261127T163005, "+05:30"), "22:00");
}

TEST(JodaDateFormatTest, UnsupportedLettersAndZonesAreNamed) {
  auto f = JodaDateFormat::Compile("YYYY-ww");
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.status().message(), ::testing::HasSubstr("pattern letter 'w'"));
  EXPECT_FALSE(JodaDateFormat::Compile("'open").ok());
  auto z = TimeZone::ForId("Mars/Olympus");
  ASSERT_FALSE(z.ok());
  EXPECT_THAT(z.status().message(), ::testing::HasSubstr("unknown time zone id 'Mars/Olympus'"));
  EXPECT_FALSE(TimeZone::ForId("../../etc/passwd").ok());
}

TEST(TimeZoneTest, LocalToUtcInvertsUtcToLocal) {
  auto z = TimeZone::ForId("Europe/Berlin");
  ASSERT_TRUE(z.ok());
  for (int64_t t : {int64_t{0}, k20261127T163005, int64_t{1783179000000}})
    EXPECT_EQ(z->LocalToUtc(z->UtcToLocal(t)), t);
}

TEST(TimestampExtractorTest, ParsesIsoTimes) {
  EXPECT_EQ(*TimestampExtractor::ParseIsoDateTime("2026-11-27T16:30:05.123Z"), k20261127T163005);
  EXPECT_EQ(*TimestampExtractor::ParseIsoDateTime("2026-11-27T11:30:05.123-05:00"),
            k20261127T163005);
  EXPECT_EQ(*TimestampExtractor::ParseIsoDateTime("1970-01-02"), 86400000);
  EXPECT_FALSE(TimestampExtractor::ParseIsoDateTime("yesterday").ok());
}

}  // namespace
}  // namespace tributary::s3sink
