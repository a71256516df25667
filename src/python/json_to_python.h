// JSON values as plain Python objects (dict, list, str, int, float, bool, None), so the Python
// package hands out exactly what the CLI and the server write as JSON. Call with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace partyscreen::python {

pybind11::object JsonToPython(const nlohmann::json& value);

}  // namespace partyscreen::python
