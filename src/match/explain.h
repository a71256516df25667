// Turns a name alignment (name_score.h) into the public Explanation (screener.h): aligned token
// pairs as words, unmatched words on both sides, normalised forms and a one-sentence summary a
// reviewer can read. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "match/name_score.h"
#include "normalize/name_normalizer.h"
#include "partyscreen/screener.h"

namespace partyscreen {

// Fills every name field of `x` (not attributes; summary is left to FinishSummary).
void DescribeAlignment(const NormalizedName& query, const NormalizedName& list,
                       const NameAlignment& alignment, Explanation* x);

// Writes x->summary from the filled fields: which name matched, how many words agreed and how,
// what is missing, the attribute findings and the final score.
void FinishSummary(double score, Explanation* x);

}  // namespace partyscreen
