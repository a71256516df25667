// Grouping listings into parties (parties/parties.h): each rule, the reasons, and what is never
// merged.
#include "parties/parties.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

Entity Listing(std::string id, std::string list, Schema schema, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.source = e.id.substr(0, e.id.find(':'));
  e.list = std::move(list);
  e.schema = schema;
  e.name = std::move(name);
  return e;
}

Snapshot Of(std::vector<Entity> entities) {
  Snapshot s;
  s.entities = std::move(entities);
  s.BuildIdIndex();
  return s;
}

std::vector<std::string> IdsOf(const Snapshot& s, const ListedParty& p) {
  std::vector<std::string> ids;
  for (uint32_t i : p.listings) ids.push_back(s.entities[i].id);
  return ids;
}

TEST(PartiesTest, CslRowRepublishingAnOfacEntryIsThatEntry) {
  const Snapshot s = Of({
      Listing("csl:30946",
              "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - "
              "Treasury Department",
              Schema::kOrganization, "HANGZHOU HIKVISION"),
      Listing("ofac-cons:30946", "OFAC Consolidated (non-SDN) List", Schema::kOrganization,
              "HANGZHOU HIKVISION"),
      Listing("csl:30947", "Entity List (EL) - Bureau of Industry and Security",
              Schema::kOrganization, "Other Co"),  // a BIS row with a number: not OFAC's
      Listing("ofac:30947", "SDN", Schema::kOrganization, "Another Co"),
  });
  const Parties p = Parties::Build(s);
  EXPECT_EQ(p.all().size(), 3u);
  const ListedParty& hik = p.Of(0);
  EXPECT_EQ(hik.id, "party:ofac-cons:30946");  // OFAC's listing first
  EXPECT_EQ(IdsOf(s, hik), (std::vector<std::string>{"ofac-cons:30946", "csl:30946"}));
  ASSERT_EQ(hik.reasons.size(), 1u);
  EXPECT_EQ(hik.reasons[0], "csl:30946 = ofac-cons:30946: same OFAC entry 30946");
  EXPECT_NE(&p.Of(2), &p.Of(3));
}

TEST(PartiesTest, SharedStrongIdentifierGroupsAndWeakOnesDoNot) {
  Entity a = Listing("un:1", "UN", Schema::kVessel, "SEA STAR");
  a.identifiers.push_back({"IMO", "9187629", "", ""});
  Entity b = Listing("uk:9", "UK", Schema::kVessel, "SEA STAR I");
  b.identifiers.push_back({"Vessel Registration Identification", "IMO 9187629", "", ""});
  Entity c = Listing("eu:4", "EU", Schema::kVessel, "OCEAN");
  c.identifiers.push_back({"Gender", "Male", "", ""});
  Entity d = Listing("csl:5", "X", Schema::kVessel, "WAVE");
  d.identifiers.push_back({"Gender", "Male", "", ""});
  const Snapshot s = Of({a, b, c, d});
  const Parties p = Parties::Build(s);
  EXPECT_EQ(&p.Of(0), &p.Of(1));
  EXPECT_EQ(p.Of(0).reasons.at(0), "un:1 = uk:9: same imo 9187629");
  EXPECT_NE(&p.Of(2), &p.Of(3));
}

TEST(PartiesTest, PersonsNeedNameBirthDateAndNationalityNeverANameAlone) {
  auto person = [](std::string id, std::string list, std::string name, std::string born,
                   std::string nationality) {
    Entity e = Listing(std::move(id), std::move(list), Schema::kPerson, std::move(name));
    if (!born.empty()) e.birth_dates = {born};
    if (!nationality.empty()) e.nationalities = {nationality};
    return e;
  };
  const Snapshot s = Of({
      person("ofac:1", "SDN", "CHEN, Quanguo", "1955-11-03", "CN"),
      person("uk:2", "UK", "Quanguo CHEN", "1955-11-03", "CN"),  // same person
      person("eu:3", "EU", "Quanguo Chen", "", "CN"),            // name alone: apart
      person("un:4", "UN", "Quanguo Chen", "1955-11-03", "TW"),  // other nationality: apart
      person("csl:5", "X", "Quanguo Chen", "1955", "CN"),        // a year alone: apart
  });
  const Parties p = Parties::Build(s);
  EXPECT_EQ(&p.Of(0), &p.Of(1));
  for (uint32_t i : {2u, 3u, 4u}) EXPECT_EQ(p.Of(i).listings.size(), 1u) << i;
}

TEST(PartiesTest, OneListKeepsItsOwnEntriesApart) {
  Entity a = Listing("ofac:1", "SDN", Schema::kOrganization, "Acme Trading LLC");
  Entity b = Listing("ofac:2", "SDN", Schema::kOrganization, "Acme Trading LLC");
  Entity c = Listing("uk:3", "UK", Schema::kOrganization, "ACME TRADING");
  for (Entity* e : {&a, &b, &c}) e->countries = {"AE"};
  const Snapshot s = Of({a, b, c});
  const Parties p = Parties::Build(s);
  EXPECT_NE(&p.Of(0), &p.Of(1));  // the SDN list publishes them as two entries
  EXPECT_EQ(&p.Of(0), &p.Of(2));  // the UK listing joins the first, by name and country
  EXPECT_EQ(p.Of(0).reasons.at(0),
            "ofac:1 = uk:3: same organisation name and a shared country: acme trading");
  Entity d = Listing("eu:4", "EU", Schema::kOrganization, "Acme Trading");
  d.countries = {"IR"};  // same name, another country
  const Snapshot s2 = Of({a, d});
  EXPECT_EQ(Parties::Build(s2).all().size(), 2u);
}

TEST(PartiesTest, HitsAreGroupedPerPartyBestFirst) {
  const Snapshot s = Of({
      Listing("ofac-cons:7", "OFAC Consolidated (non-SDN) List", Schema::kOrganization, "A B"),
      Listing("csl:7", "CMIC - Treasury Department", Schema::kOrganization, "A B"),
      Listing("ofac:8", "SDN", Schema::kOrganization, "C D"),
  });
  const Parties p = Parties::Build(s);
  std::vector<Hit> hits(3);
  hits[0].entity_index = 1, hits[0].score = 0.9;
  hits[1].entity_index = 2, hits[1].score = 0.95;
  hits[2].entity_index = 0, hits[2].score = 0.8;
  const std::vector<PartyHits> grouped = GroupHitsByParty(hits, p);
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[0].party->id, "party:ofac:8");
  ASSERT_EQ(grouped[1].hits.size(), 2u);
  EXPECT_EQ(grouped[1].hits[0].entity_index, 1u);  // best listing of the party first
  EXPECT_EQ(grouped[1].party->id, "party:ofac-cons:7");
}

}  // namespace
}  // namespace partyscreen
