#include "store/delta_steps.h"

#include <algorithm>
#include <chrono>

#include "partyscreen/query_index.h"
#include "store/parallel.h"
#include "store/screening_epochs.h"
#include "store/store_rows.h"

namespace partyscreen::store {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool Contains(const std::vector<int64_t>& sorted, int64_t v) {
  return std::binary_search(sorted.begin(), sorted.end(), v);
}

}  // namespace

Result<RegisterScan> ScanRegister(SqlConnection& conn, const std::vector<int64_t>& base_epochs,
                                  const std::vector<int64_t>& current_epochs) {
  std::vector<int64_t> base = base_epochs, current = current_epochs;
  std::sort(base.begin(), base.end());
  std::sort(current.begin(), current.end());
  RegisterScan scan;
  Status s = conn.ForEachRow(std::string("SELECT ") + kCustomerColumns +
                                 ", c.content_hash, c.screened_epoch FROM customers c",
                             {}, [&](const SqlRow& row) {
                               const bool screened = row[7].has_value();
                               const int64_t epoch = AsInt(row[7]);
                               if (screened && Contains(current, epoch)) {
                                 ++scan.current;
                               } else if (screened && Contains(base, epoch)) {
                                 scan.on_base.push_back(CustomerQuery(CustomerFromRow(row)));
                               } else {
                                 CustomerRecord rec;
                                 rec.customer = CustomerFromRow(row);
                                 rec.content_hash = AsText(row[6]);
                                 scan.stale.push_back(std::move(rec));
                               }
                               return Status::Ok();
                             });
  if (!s.ok()) return s;
  std::sort(scan.stale.begin(), scan.stale.end(),
            [](const CustomerRecord& a, const CustomerRecord& b) {
              return a.customer.id < b.customer.id;
            });
  return scan;
}

RegisterMatches SearchRegister(const Screener& screener, std::vector<Query> customers,
                               const std::vector<SearchedEntity>& entities,
                               const ScreenOptions& options, size_t threads) {
  RegisterMatches out;
  if (customers.empty() || entities.empty()) return out;
  auto t0 = std::chrono::steady_clock::now();
  const std::unique_ptr<QueryIndex> index = QueryIndex::Build(screener, customers, threads);
  std::vector<std::string> ids(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) ids[i] = std::move(customers[i].id);
  customers = {};
  out.index_seconds = SecondsSince(t0);
  t0 = std::chrono::steady_clock::now();
  std::vector<std::vector<QueryIndex::Match>> per_entity(entities.size());
  ParallelFor(entities.size(), threads, [&](size_t i) {
    const SearchedEntity& e = entities[i];
    per_entity[i] =
        e.before ? index->FindChanged(e.index, *e.before, options) : index->Find(e.index, options);
  });
  out.find_seconds = SecondsSince(t0);
  for (std::vector<QueryIndex::Match>& matches : per_entity)
    for (QueryIndex::Match& m : matches) {
      out.by_customer[ids[m.query]].push_back(std::move(m.hit));
      ++out.pairs;
    }
  return out;
}

}  // namespace partyscreen::store
