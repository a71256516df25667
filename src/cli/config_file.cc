#include "cli/config_file.h"

#include <algorithm>
#include <filesystem>

#include "core/strings.h"

namespace partyscreen::cli {

void AddEnvironmentNames(CLI::App& cmd, const std::vector<std::string>& except) {
  for (CLI::Option* option : cmd.get_options()) {
    if (option->get_lnames().empty()) continue;
    const std::string& name = option->get_lnames().front();
    if (name == "help" || std::find(except.begin(), except.end(), name) != except.end()) continue;
    std::string env = "PARTYSCREEN_" + AsciiUpper(name);
    std::replace(env.begin(), env.end(), '-', '_');
    option->envname(env);
  }
}

Status ApplyConfigFile(CLI::App& cmd, const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    return Status::IoError("--config " + path + ": no such file");
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_file(path);
  } catch (const CLI::Error& e) {
    return Status::InvalidArgument("--config " + path + ": " + e.what());
  }
  for (const CLI::ConfigItem& item : items) {
    // CLI11 reports a section's start as an item "++" and its end as "--".
    if (item.name == "++" || item.name == "--") continue;
    if (!item.parents.empty() && !(item.parents.size() == 1 && item.parents[0] == cmd.get_name()))
      return Status::InvalidArgument("--config " + path + ": unknown section [" + item.parents[0] +
                                     "]");
    CLI::Option* option = cmd.get_option_no_throw("--" + item.name);
    if (option == nullptr || item.name == "config" || item.name == "help")
      return Status::InvalidArgument("--config " + path + ": unknown option '" + item.name +
                                     "' (see `partyscreen " + cmd.get_name() + " --help`)");
    if (option->count() > 0) continue;  // the command line or the environment set it
    try {
      option->add_result(item.inputs);
      option->run_callback();
    } catch (const CLI::Error& e) {
      return Status::InvalidArgument("--config " + path + ": " + item.name + ": " + e.what());
    }
  }
  return Status::Ok();
}

}  // namespace partyscreen::cli
