// OFAC legacy CSV sets: sdn.csv (+ add.csv, alt.csv, sdn_comments.csv) and the non-SDN
// consolidated cons_prim.csv (+ cons_add.csv, cons_alt.csv, cons_comments.csv), joined by ent_num.
// Layout and quirks: docs/lists/OFAC.md and /work/shared/lists/PROVENANCE.md.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/input.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "lists/formats.h"
#include "lists/ofac_entity.h"
#include "lists/ofac_remarks.h"
#include "lists/parsers.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

namespace fs = std::filesystem;

constexpr size_t kPrimaryFields = 12;  // ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
                                       // Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
constexpr size_t kAddFields =
    6;  // ent_num, Add_num, Address, City/State/Postal, Country, Add_remarks
constexpr size_t kAltFields = 5;      // ent_num, alt_num, alt_type, alt_name, alt_remarks
constexpr size_t kCommentFields = 2;  // ent_num, Remarks_Extended

// An entity being assembled from the set's files.
struct PendingEntity {
  Entity entity;
  uint64_t line = 0;         // line of its row in the primary file
  std::string remarks;       // Remarks, then the sdn_comments.csv continuation(s)
  std::string vessel_notes;  // vessel type, tonnage, GRT, owner
};

bool ParseEntNum(std::string_view text, uint64_t& value) {
  text = Trim(text);
  if (text.empty() || text.size() > 18) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value > 0;
}

// Reads the rows of one file of the set; calls `use(record)` for each row that has `fields`
// fields, valid UTF-8 and a numeric ent_num, and logs a skip for every other row.
template <typename Use>
void ForEachRow(std::string_view data, const std::string& label, size_t fields, ParseLog& log,
                Use use) {
  CsvOptions options;
  options.ofac_nulls = true;
  options.expected_fields = fields;
  CsvReader reader(data, options);
  CsvRecord record;
  while (reader.Next(record)) {
    log.CountRecord();
    uint64_t ent_num = 0;
    if (record.malformed) {
      log.SkipIn(label, record.line, "malformed CSV row: " + record.error);
    } else if (record.fields.size() != fields) {
      log.SkipIn(label, record.line,
                 "expected " + std::to_string(fields) + " fields, found " +
                     std::to_string(record.fields.size()));
    } else if (!ParseEntNum(record.fields[0], ent_num)) {
      log.SkipIn(label, record.line,
                 "ent_num '" + record.fields[0].substr(0, 40) + "' is not a positive number");
    } else {
      bool utf8 = true;
      for (const std::string& f : record.fields) utf8 = utf8 && IsValidUtf8(f);
      if (!utf8) {
        log.SkipIn(label, record.line, "row is not valid UTF-8");
      } else {
        use(ent_num, record);
      }
    }
  }
}

Schema SchemaFromSdnType(std::string_view sdn_type) {
  // OFAC leaves SDN_Type null ("-0- ") for entities.
  if (Trim(sdn_type).empty()) return Schema::kOrganization;
  const Schema schema = ParseSchema(sdn_type);
  return schema == Schema::kUnknown ? Schema::kOrganization : schema;
}

PendingEntity EntityFromPrimaryRow(uint64_t ent_num, const CsvRecord& row, bool consolidated) {
  const std::vector<std::string>& f = row.fields;
  PendingEntity pending;
  pending.line = row.line;
  Entity& e = pending.entity;
  e.source = consolidated ? "ofac-cons" : "ofac";
  e.id = e.source + ":" + std::to_string(ent_num);
  e.list = std::string(consolidated ? kOfacConsListName : kOfacSdnListName);
  e.name = CollapseSpaces(f[1]);
  e.schema = SchemaFromSdnType(f[2]);
  e.programs = SplitOfacPrograms(f[3]);
  e.title = std::string(Trim(f[4]));
  if (!Trim(f[5]).empty()) e.identifiers.push_back({"Call Sign", std::string(Trim(f[5])), "", ""});
  if (!Trim(f[9]).empty()) {
    const std::string flag = NormalizeCountry(f[9]);
    e.identifiers.push_back({"Vessel Flag", std::string(Trim(f[9])), flag, ""});
    AddUnique(e.countries, flag);
  }
  std::vector<std::string> vessel;
  if (!Trim(f[6]).empty()) vessel.push_back("Vessel Type " + std::string(Trim(f[6])));
  if (!Trim(f[7]).empty()) vessel.push_back("Tonnage " + std::string(Trim(f[7])));
  if (!Trim(f[8]).empty()) vessel.push_back("GRT " + std::string(Trim(f[8])));
  if (!Trim(f[10]).empty()) vessel.push_back("Vessel Owner " + std::string(Trim(f[10])));
  if (!vessel.empty()) {
    pending.vessel_notes = Join(vessel, "; ");
    if (!EndsWith(pending.vessel_notes, ".")) pending.vessel_notes += '.';
  }
  pending.remarks = f[11];
  return pending;
}

Alias AliasFromAltRow(const CsvRecord& row) {
  const std::string type = AsciiLower(Trim(row.fields[2]));
  const std::string remarks = AsciiLower(row.fields[4]);
  Alias alias;
  alias.name = CollapseSpaces(row.fields[3]);
  // alt.csv holds OFAC's strong aliases; a weak one would say so in its type or remarks.
  const bool weak =
      type.find("weak") != std::string::npos || remarks.find("weak") != std::string::npos;
  alias.quality = weak ? AliasQuality::kWeak : AliasQuality::kStrong;
  alias.type = type.find("fka") != std::string::npos   ? "fka"
               : type.find("nka") != std::string::npos ? "nka"
                                                       : "aka";
  return alias;
}

std::string PrimaryName(bool consolidated) { return consolidated ? "cons_prim.csv" : "sdn.csv"; }

}  // namespace

Result<ParsedList> ParseOfacCsvSet(const OfacCsvSet& set, ParseLog& log) {
  auto label_or = [&](const std::string& label, const char* fallback) {
    return label.empty() ? fallback : label;
  };
  const std::string primary_label = set.primary_label.empty() ? log.file() : set.primary_label;
  const std::string primary_kind = PrimaryName(set.consolidated);
  if (Trim(set.primary).empty() || Trim(set.primary) == "\x1A")
    return Status::Corrupt(primary_label + ": empty file, not an OFAC " + primary_kind);

  // A deque: growing it moves no entity (an Entity is ~1 KB; moving them as a vector grew was a
  // tenth of the parse).
  std::deque<PendingEntity> pending;
  std::unordered_map<uint64_t, size_t> by_ent_num;
  ForEachRow(set.primary, primary_label, kPrimaryFields, log,
             [&](uint64_t ent_num, const CsvRecord& row) {
               if (Trim(row.fields[1]).empty()) {
                 log.SkipIn(primary_label, row.line,
                            "ent_num " + std::to_string(ent_num) + " has no name");
                 return;
               }
               auto [it, inserted] = by_ent_num.emplace(ent_num, pending.size());
               if (!inserted) {
                 log.SkipIn(primary_label, row.line,
                            "ent_num " + std::to_string(ent_num) + " repeats line " +
                                std::to_string(pending[it->second].line));
                 return;
               }
               pending.push_back(EntityFromPrimaryRow(ent_num, row, set.consolidated));
             });
  if (pending.empty()) {
    std::string why = log.issues().empty()
                          ? ""
                          : " (first problem: line " + std::to_string(log.issues()[0].line) + ": " +
                                log.issues()[0].reason + ")";
    return Status::Corrupt(primary_label + ": not an OFAC " + primary_kind + " file: no row with " +
                           std::to_string(kPrimaryFields) + " fields and a numeric ent_num" + why);
  }

  // Companion rows find their entity by ent_num; an unknown ent_num is skipped, never guessed.
  auto join = [&](std::string_view data, const std::string& label, size_t fields, auto apply) {
    if (data.empty()) return;
    ForEachRow(data, label, fields, log, [&](uint64_t ent_num, const CsvRecord& row) {
      auto it = by_ent_num.find(ent_num);
      if (it == by_ent_num.end()) {
        log.SkipIn(label, row.line,
                   "ent_num " + std::to_string(ent_num) + " is not in " + primary_kind);
        return;
      }
      apply(pending[it->second], row);
    });
  };
  join(set.comments,
       label_or(set.comments_label, set.consolidated ? "cons_comments.csv" : "sdn_comments.csv"),
       kCommentFields, [](PendingEntity& p, const CsvRecord& row) { p.remarks += row.fields[1]; });
  join(set.alt, label_or(set.alt_label, set.consolidated ? "cons_alt.csv" : "alt.csv"), kAltFields,
       [](PendingEntity& p, const CsvRecord& row) {
         if (!Trim(row.fields[3]).empty()) p.entity.aliases.push_back(AliasFromAltRow(row));
       });
  join(set.add, label_or(set.add_label, set.consolidated ? "cons_add.csv" : "add.csv"), kAddFields,
       [](PendingEntity& p, const CsvRecord& row) {
         const std::vector<std::string>& f = row.fields;
         AddOfacAddress(p.entity, {f[2], f[5]}, f[3], "", f[4]);
       });

  ParsedList list;
  list.list_name = std::string(set.consolidated ? kOfacConsListName : kOfacSdnListName);
  list.entities.reserve(pending.size());
  for (PendingEntity& p : pending) {
    Entity& e = p.entity;
    // The remark is parsed only now, once its sdn_comments.csv continuation has been appended.
    const std::string_view remarks = Trim(p.remarks);
    if (ApplyOfacRemarks(remarks, e) > 0)
      log.NoteIn(
          primary_label, p.line,
          e.id +
              ": remark ends inside a quoted alias (cut at 1000 characters, continuation missing); "
              "that alias was not used");
    std::vector<std::string> remark_parts;
    if (!remarks.empty()) remark_parts.emplace_back(remarks);
    if (!p.vessel_notes.empty()) remark_parts.push_back(std::move(p.vessel_notes));
    e.remarks = Join(remark_parts, " ");
    FinishOfacEntity(e);
    list.entities.push_back(std::move(e));
  }
  return list;
}

Result<ParsedList> ParseOfacCsv(std::string_view sdn, ParseLog& log) {
  OfacCsvSet set;
  set.primary = sdn;
  set.primary_label = log.file();
  return ParseOfacCsvSet(set, log);
}

Result<ParsedList> ParseOfacConsCsv(std::string_view cons_prim, ParseLog& log) {
  OfacCsvSet set;
  set.primary = cons_prim;
  set.primary_label = log.file();
  set.consolidated = true;
  return ParseOfacCsvSet(set, log);
}

namespace {

struct SetLayout {
  const char* primary;
  const char* add;
  const char* alt;
  const char* comments;
};
constexpr SetLayout kSdnLayout = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"};
constexpr SetLayout kConsLayout = {"cons_prim.csv", "cons_add.csv", "cons_alt.csv",
                                   "cons_comments.csv"};

// The file named `name` (case-insensitive) in `dir`, or "".
std::string FindSibling(const fs::path& dir, std::string_view name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
    if (AsciiLower(entry.path().filename().string()) == name && entry.is_regular_file(ec))
      return entry.path().string();
  }
  return "";
}

const char* CompanionContent(std::string_view name) {
  if (EndsWith(name, "add.csv")) return "addresses";
  if (EndsWith(name, "alt.csv")) return "aliases";
  return "the continuations of long remarks";
}

}  // namespace

Result<FormatLoad> LoadOfacCsvSet(const std::string& path, ParseLog& log) {
  fs::path primary_path(path);
  std::error_code ec;
  if (fs::is_directory(primary_path, ec)) {
    std::string found = FindSibling(primary_path, kSdnLayout.primary);
    if (found.empty()) found = FindSibling(primary_path, kConsLayout.primary);
    if (found.empty())
      return Status::NotFound(
          path +
          ": no sdn.csv or cons_prim.csv in this directory (add/alt/comments files "
          "only complete a list; they cannot form one alone)");
    primary_path = found;
  }
  const std::string name = AsciiLower(primary_path.filename().string());
  const fs::path dir = primary_path.parent_path();
  for (const SetLayout* layout : {&kSdnLayout, &kConsLayout}) {
    for (const char* companion : {layout->add, layout->alt, layout->comments}) {
      if (name != companion) continue;
      const bool primary_there = !FindSibling(dir, layout->primary).empty();
      return Status::InvalidArgument(
          primary_path.string() + ": " + companion + " is a companion file of OFAC's " +
          layout->primary + " (it holds " + CompanionContent(companion) +
          " keyed by ent_num) and cannot form a list alone; " +
          (primary_there ? std::string("load ") + layout->primary + " instead, which reads it"
                         : std::string("there is no ") + layout->primary + " beside it"));
    }
  }
  const SetLayout& layout = StartsWith(name, "cons_") ? kConsLayout : kSdnLayout;

  FormatLoad load;
  std::string bytes[4];
  std::string labels[4];
  const char* names[4] = {nullptr, layout.add, layout.alt, layout.comments};
  for (int i = 0; i < 4; ++i) {
    labels[i] = i == 0 ? primary_path.string() : FindSibling(dir, names[i]);
    if (labels[i].empty()) continue;  // companion absent
    auto read = ReadListFile(labels[i]);
    if (!read.ok()) return read.status();
    bytes[i] = std::move(read).value();
    load.files.push_back({labels[i], Sha256Hex(bytes[i])});
  }
  OfacCsvSet set;
  set.consolidated = &layout == &kConsLayout;
  set.primary = bytes[0];
  set.add = bytes[1];
  set.alt = bytes[2];
  set.comments = bytes[3];
  set.primary_label = labels[0];
  set.add_label = labels[1];
  set.alt_label = labels[2];
  set.comments_label = labels[3];
  auto parsed = ParseOfacCsvSet(set, log);
  if (!parsed.ok()) return parsed.status();
  load.list = std::move(parsed).value();
  return load;
}

}  // namespace partyscreen
