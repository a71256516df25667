#include "core/dates.h"

#include <cctype>
#include <cstdio>

#include "core/strings.h"

namespace partyscreen {

namespace {

int MonthFromName(std::string_view w) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  const std::string l = AsciiLower(w.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == kMonths[i]) return i + 1;
  return 0;
}

std::string Format(int y, int m, int d) {
  char buf[16];
  if (y < 1000 || y > 2999) return "";
  if (m < 1 || m > 12) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d < 1 || d > 31) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

// Splits into runs of digits and runs of letters.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  int kind = 0;  // 1 digit, 2 alpha
  for (char c : s) {
    const int k = std::isdigit(static_cast<unsigned char>(c))   ? 1
                  : std::isalpha(static_cast<unsigned char>(c)) ? 2
                                                                : 0;
    if (k != kind && !cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
    kind = k;
    if (k) cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool IsNum(const std::string& w) {
  return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0]));
}

}  // namespace

std::string ToIsoDate(std::string_view text, DateOrder order) {
  std::vector<std::string> w = Words(text);
  std::vector<int> nums;
  int month_name = 0;
  for (const std::string& x : w) {
    if (IsNum(x)) {
      if (x.size() > 4) return "";
      nums.push_back(std::stoi(x));
    } else if (int m = MonthFromName(x)) {
      month_name = m;
    }
  }
  if (nums.empty()) return "";
  // Find the year: a 4-digit number.
  int year = 0;
  size_t year_pos = nums.size();
  for (size_t i = 0; i < nums.size(); ++i)
    if (nums[i] >= 1000) {
      year = nums[i];
      year_pos = i;
      break;
    }
  if (!year) return "";
  std::vector<int> rest;
  for (size_t i = 0; i < nums.size(); ++i)
    if (i != year_pos) rest.push_back(nums[i]);
  if (month_name) return Format(year, month_name, rest.empty() ? 0 : rest[0]);
  if (rest.empty()) return Format(year, 0, 0);
  if (rest.size() == 1) return Format(year, rest[0], 0);
  if (year_pos == 0) return Format(year, rest[0], rest[1]);  // YYYY-MM-DD
  return order == DateOrder::kDayFirst ? Format(year, rest[1], rest[0])
                                       : Format(year, rest[0], rest[1]);
}

std::vector<std::string> ToIsoDates(std::string_view text, DateOrder order) {
  const std::string lower = AsciiLower(text);
  const size_t to = lower.find(" to ");
  if (to != std::string::npos) {
    const std::string a = ToIsoDate(text.substr(0, to), order);
    const std::string b = ToIsoDate(text.substr(to + 4), order);
    if (a.size() >= 4 && b.size() >= 4) {
      const int ya = std::stoi(a.substr(0, 4)), yb = std::stoi(b.substr(0, 4));
      std::vector<std::string> out;
      if (yb >= ya && yb - ya <= 10)
        for (int y = ya; y <= yb; ++y) out.push_back(std::to_string(y));
      else
        out = {a, b};
      return out;
    }
  }
  std::string one = ToIsoDate(text, order);
  if (one.empty()) return {};
  return {one};
}

}  // namespace partyscreen
