#include "python/json_to_python.h"

#include <cstdint>
#include <string>

namespace partyscreen::python {

namespace py = pybind11;

py::object JsonToPython(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::boolean:
      return py::bool_(value.get<bool>());
    case Type::number_integer:
      return py::int_(value.get<int64_t>());
    case Type::number_unsigned:
      return py::int_(value.get<uint64_t>());
    case Type::number_float:
      return py::float_(value.get<double>());
    case Type::string:
      return py::str(value.get_ref<const std::string&>());
    case Type::array: {
      py::list out;
      for (const nlohmann::json& item : value) out.append(JsonToPython(item));
      return out;
    }
    case Type::object: {
      py::dict out;
      for (const auto& [key, item] : value.items()) out[py::str(key)] = JsonToPython(item);
      return out;
    }
    default:  // null, binary, discarded
      return py::none();
  }
}

}  // namespace partyscreen::python
