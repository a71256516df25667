// The entity model: one Entity per record of a published (or an organisation's own) list.
//
// Every parser in src/lists/ produces these; the matcher indexes their names; decisions read the
// legal fields. Values are kept as the source gives them (after trimming), except where noted:
//  - id is "<source>:<the source's own id>" (csl:<_id>, ofac:<ent_num>, ofac-cons:<ent_num>,
//    un:<DATAID>, uk:<Group ID>, ftm:<id>, custom:<id>, bis-dpl:<n>, ofac-xml:<uid>...).
//  - dates are ISO-8601 and may be partial: "1955", "1955-11", "1955-11-03".
//  - countries and nationalities are ISO 3166-1 alpha-2 codes ("CN") where the name was
//    recognised (see src/normalize/country.h), otherwise the source text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

enum class Schema : uint8_t { kUnknown, kPerson, kOrganization, kVessel, kAircraft };

std::string_view SchemaName(Schema s);  // "Person", "Organization", ... ("Thing" for unknown)
Schema ParseSchema(
    std::string_view text);  // case-insensitive; "individual" -> kPerson, "entity" -> kOrganization

// How much a name can be trusted as an identifier of the party.
enum class AliasQuality : uint8_t {
  kPrimary,  // the record's main name
  kStrong,   // a.k.a. / good quality alias / f.k.a. / n.k.a.
  kWeak,     // OFAC "weak a.k.a.", UN "Low" quality: reported, but scored lower
};

struct Alias {
  std::string name;
  AliasQuality quality = AliasQuality::kStrong;
  std::string type;  // "aka", "fka", "nka", "original_script", ... as the source says; may be empty
  std::string script;  // e.g. "Arabic", "Cyrillic", "Han" where the source tells; may be empty
};

struct Address {
  std::string full;  // the whole address as one line
  std::string city;
  std::string country;  // ISO2 where recognised
};

struct Identifier {
  std::string type;  // "Passport", "National ID No.", "IMO", "Tax ID No.", "SWIFT/BIC", ...
  std::string value;
  std::string country;  // issuing country, ISO2 where recognised; may be empty
  std::string note;
};

struct Entity {
  std::string id;      // "<source>:<source id>", unique within a snapshot
  std::string source;  // "csl", "ofac", "ofac-cons", "un", "uk", "ftm", "custom", ...
  std::string list;  // the list as the source names it, e.g. "Entity List (EL) - Bureau of Industry
                     // and Security"
  std::vector<std::string> programs;  // "SDGT", "IRGC", "GLOMAG", "CMIC-EO13959", ...
  Schema schema = Schema::kUnknown;
  std::string name;            // primary name as published
  std::vector<Alias> aliases;  // every other name (not repeating the primary)
  std::string title;
  std::vector<Address> addresses;
  std::vector<std::string> countries;      // countries of address / registration / residence
  std::vector<std::string> nationalities;  // nationality / citizenship
  std::vector<std::string> birth_dates;    // partial ISO dates
  std::vector<std::string> birth_places;
  std::vector<Identifier> identifiers;
  std::string gender;
  std::string remarks;

  // Legal fields (US lists carry them; others leave them empty).
  std::string federal_register;  // "84 FR 54002; 85 FR 44159"
  std::string start_date;        // listing date, ISO
  std::string end_date;
  std::string license_requirement;  // "For all items subject to the EAR. (See §744.11 of the EAR)"
  std::string license_policy;  // "Case-by-case review for ECCNs ...; presumption of denial for ..."
  std::string standard_order;
  std::string source_url;  // source_list_url / source_information_url

  // Publisher metadata where the source gives it (FollowTheMoney exports; other formats leave
  // these empty): topics ("sanction", "crime.cyber", ...), the publisher's datasets ("eu_fsf",
  // "us_ofac_sdn", ...) and when it first saw the record, last saw it and last saw it change
  // (ISO timestamps), and the ids of the source records the publisher merged into this one
  // (FtM "referents", e.g. "gb-hmt-14196"). Not part of EntityToJson (core/json.h): last_seen moves
  // with every export and would make every record look changed to `diff` and `rescreen`.
  std::vector<std::string> topics;
  std::vector<std::string> datasets;
  std::vector<std::string> referents;
  std::string first_seen;
  std::string last_seen;
  std::string last_change;

  // Every name of the entity, primary first.
  std::vector<std::string_view> AllNames() const;
};

}  // namespace partyscreen
