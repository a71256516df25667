// Entity List review policies as BIS wrote them (verbatim from the CSL of 2022-04,
// shared/lists/csl/csl-2022-04/consolidated.csv.gz, typos included), parsed and applied per ECCN.
#include "decide/license_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace partyscreen {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Hangzhou Hikvision Digital Technology Co., Ltd. (and the other 27 of 84 FR 54002).
constexpr std::string_view kHikvisionPolicy =
    "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and "
    "2E983, and for "
    "EAR99 items described in the Note to ECCN 1A995; case-by-case review for items necessary to "
    "detect, "
    "identify and treat infectious disease; and presumption of denial for all other items subject "
    "to the EAR.";
// Beijing Liuhe BGI: the same text with BIS's typo "casa-by-case".
constexpr std::string_view kBgiPolicy =
    "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and "
    "2E983, and for "
    "EAR99 items described in the Note to ECCN 1A995; casa-by-case review for items necessary to "
    "detect, "
    "identify and treat infectious disease; and presumption of denial for all other items subject "
    "to the EAR.";
constexpr std::string_view kAnzPolicy =  // ANZ Importers and Exporters
    "Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items";
constexpr std::string_view
    kBeijingAeroPolicy =  // Beijing Aeronautical Manufacturing Technology Research Institute
    "Presumption of  approval for EAR99; case-by-case review for all items on the CCL";
constexpr std::string_view kNingboPolicy =  // Ningbo Semiconductor International Corporation (NSI)
    "Presumption of denial for items uniquely required for production of semiconducto rs at "
    "advanced technology "
    "nodes (10 nanometers and below, including extreme ultraviolet technology); Case by case for "
    "all other items";
constexpr std::string_view kJscElementPolicy =  // JSC Element
    "Policy of denial; Case-by-case basis for U.S. Government supported space programs.";
constexpr std::string_view
    kShipbuildingPolicy =  // AO Center of Shipbuilding and Ship Repairing JSC
    "Policy of denial. See §§ 746.8(b) and 744.21(e).";
constexpr std::string_view kIranAirPolicy =  // Iran Air
    "Case-by-Case review for licenses for the safety of civil aviation of aircraft.";

TEST(ExtractEccnsTest, HikvisionPolicyNamesEightEccns) {
  EXPECT_THAT(ExtractEccns(kHikvisionPolicy), ElementsAre("1A004.c", "1A004.d", "1A995", "1A999.a",
                                                          "1D003", "2A983", "2D983", "2E983"));
}

TEST(ExtractEccnsTest, LicenceRequirementWithParagraphsAndSentenceEnd) {
  // From the Russia entries' licence requirement.
  EXPECT_THAT(
      ExtractEccns(
          "All items subject to the EAR except for food or medicine designated as EAR99, or ECCN "
          "5A992.c and 5D992.c unless for Russian government end users."),
      ElementsAre("5A992.c", "5D992.c"));
  EXPECT_THAT(ExtractEccns("see 2E983. Then 12A0045 and X1A004 are not ECCNs"),
              ElementsAre("2E983"));
}

TEST(NormalizeEccnTest, CaseAndValidity) {
  EXPECT_EQ(NormalizeEccn(" 2a983 "), "2A983");
  EXPECT_EQ(NormalizeEccn("5A002.A.1"), "5A002.a.1");
  EXPECT_EQ(NormalizeEccn("ear99"), "EAR99");
  EXPECT_EQ(NormalizeEccn("2A98"), "");
  EXPECT_EQ(NormalizeEccn("ZZ999"), "");
  EXPECT_EQ(NormalizeEccn("2F983"), "");  // categories are A-E
}

TEST(EccnCoversTest, ParagraphsNarrowNotWiden) {
  EXPECT_TRUE(EccnCovers("1A004.c", "1A004.c"));
  EXPECT_TRUE(EccnCovers("1A004.c", "1A004.c.1"));
  EXPECT_TRUE(EccnCovers("1A995", "1A995.b"));
  EXPECT_FALSE(EccnCovers("1A004.c", "1A004"));
  EXPECT_FALSE(EccnCovers("1A004.c", "1A004.d"));
  EXPECT_FALSE(EccnCovers("1A99", "1A995"));
}

TEST(ParseLicensePolicyTest, HikvisionHasThreeClauses) {
  const std::vector<PolicyClause> clauses = ParseLicensePolicy(kHikvisionPolicy);
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[0].policy, ReviewPolicy::kCaseByCase);
  EXPECT_EQ(clauses[0].eccns.size(), 8u);
  EXPECT_FALSE(clauses[0].ear99);  // only the EAR99 items described in the Note to 1A995
  EXPECT_EQ(clauses[1].policy, ReviewPolicy::kCaseByCase);
  EXPECT_TRUE(clauses[1].conditional);
  EXPECT_EQ(clauses[2].policy, ReviewPolicy::kPresumptionOfDenial);
  EXPECT_TRUE(clauses[2].catch_all);
}

TEST(ApplyLicensePolicyTest, HikvisionListedEccnIsCaseByCase) {
  const auto clauses = ParseLicensePolicy(kHikvisionPolicy);
  for (std::string_view eccn : {"2A983", "1A004.c", "1A004.c.2", "2e983"}) {
    EXPECT_EQ(ApplyLicensePolicy(clauses, eccn).policy, ReviewPolicy::kCaseByCase) << eccn;
  }
}

TEST(ApplyLicensePolicyTest, HikvisionOtherItemsArePresumptionOfDenial) {
  const auto clauses = ParseLicensePolicy(kHikvisionPolicy);
  for (std::string_view eccn : {"EAR99", "5A002", "1A004", "3A001.a"}) {
    const AppliedPolicy applied = ApplyLicensePolicy(clauses, eccn);
    EXPECT_EQ(applied.policy, ReviewPolicy::kPresumptionOfDenial) << eccn;
    EXPECT_THAT(applied.clause, HasSubstr("all other items")) << eccn;
  }
}

TEST(ApplyLicensePolicyTest, UnknownEccnGetsStrictestClause) {
  EXPECT_EQ(ApplyLicensePolicy(ParseLicensePolicy(kHikvisionPolicy), "").policy,
            ReviewPolicy::kPresumptionOfDenial);
  EXPECT_EQ(ApplyLicensePolicy(ParseLicensePolicy(kAnzPolicy), "").policy,
            ReviewPolicy::kCaseByCase);
}

TEST(ApplyLicensePolicyTest, BgiTypoCasaByCaseIsStillCaseByCase) {
  const auto clauses = ParseLicensePolicy(kBgiPolicy);
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[1].policy, ReviewPolicy::kCaseByCase);
  EXPECT_EQ(ApplyLicensePolicy(clauses, "2D983").policy, ReviewPolicy::kCaseByCase);
  EXPECT_EQ(ApplyLicensePolicy(clauses, "EAR99").policy, ReviewPolicy::kPresumptionOfDenial);
}

TEST(ApplyLicensePolicyTest, CclVersusEar99SplitAtSentence) {
  for (std::string_view text : {kAnzPolicy, kBeijingAeroPolicy}) {
    const auto clauses = ParseLicensePolicy(text);
    ASSERT_EQ(clauses.size(), 2u) << text;
    EXPECT_EQ(ApplyLicensePolicy(clauses, "EAR99").policy, ReviewPolicy::kPresumptionOfApproval)
        << text;
    EXPECT_EQ(ApplyLicensePolicy(clauses, "3A001").policy, ReviewPolicy::kCaseByCase) << text;
  }
}

TEST(ApplyLicensePolicyTest, NingboStricterConditionIsReportedNotDropped) {
  const AppliedPolicy applied = ApplyLicensePolicy(ParseLicensePolicy(kNingboPolicy), "3B001");
  EXPECT_EQ(applied.policy, ReviewPolicy::kCaseByCase);
  EXPECT_THAT(applied.conditional_note, HasSubstr("presumption of denial"));
  EXPECT_THAT(applied.conditional_note, HasSubstr("advanced technology nodes"));
}

TEST(ApplyLicensePolicyTest, JscElementPolicyOfDenialWithSpaceException) {
  const auto clauses = ParseLicensePolicy(kJscElementPolicy);
  ASSERT_EQ(clauses.size(), 2u);  // "U.S. Government" does not split the sentence
  EXPECT_THAT(clauses[1].text, HasSubstr("U.S. Government supported space programs"));
  EXPECT_EQ(ApplyLicensePolicy(clauses, "9A004").policy, ReviewPolicy::kPolicyOfDenial);
}

TEST(ApplyLicensePolicyTest, SeeReferenceStaysWithItsPolicy) {
  const auto clauses = ParseLicensePolicy(kShipbuildingPolicy);
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].policy, ReviewPolicy::kPolicyOfDenial);
  EXPECT_THAT(clauses[0].text, HasSubstr("744.21(e)"));
  const auto reference_only = ParseLicensePolicy("See §746.5(b) of the EAR.");
  ASSERT_EQ(reference_only.size(), 1u);
  EXPECT_EQ(ApplyLicensePolicy(reference_only, "EAR99").policy, ReviewPolicy::kReference);
}

TEST(ApplyLicensePolicyTest, IranAirConditionalOnlyPolicyIsFlagged) {
  const AppliedPolicy applied = ApplyLicensePolicy(ParseLicensePolicy(kIranAirPolicy), "9A991");
  EXPECT_EQ(applied.policy, ReviewPolicy::kCaseByCase);
  EXPECT_THAT(applied.conditional_note, HasSubstr("only for"));
}

TEST(ApplyLicensePolicyTest, Ear99OnlyPolicySaysNothingAboutCclItems) {
  // Several 2022 entries: "Presumption of approval for EAR99 items".
  const auto clauses = ParseLicensePolicy("Presumption of approval for EAR99 items");
  EXPECT_EQ(ApplyLicensePolicy(clauses, "EAR99").policy, ReviewPolicy::kPresumptionOfApproval);
  const AppliedPolicy ccl = ApplyLicensePolicy(clauses, "2A983");
  EXPECT_EQ(ccl.policy, ReviewPolicy::kNone);
  EXPECT_THAT(ccl.conditional_note, HasSubstr("no review policy"));
}

TEST(ApplyLicensePolicyTest, EmptyPolicyHasNoClauses) {
  EXPECT_TRUE(ParseLicensePolicy("").empty());
  EXPECT_EQ(ApplyLicensePolicy({}, "2A983").policy, ReviewPolicy::kNone);
}

}  // namespace
}  // namespace partyscreen
