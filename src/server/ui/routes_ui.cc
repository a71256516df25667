// Registers the workbench (/ui/...) on the server: its pages share one UiState.
#include "server/ui/ui_state.h"

namespace partyscreen::server {

void RegisterUiRoutes(httplib::Server& http, ServerState& state) {
  static_assert(sizeof(ui::UiState) > 0);
  auto* ui = new ui::UiState(state);  // lives as long as the routes: owned by the state below
  state.ui = std::shared_ptr<void>(ui, [](void* p) { delete static_cast<ui::UiState*>(p); });
  ui::RegisterLoginPages(http, *ui);
  ui::RegisterQueuePage(http, *ui);
  ui::RegisterAlertPages(http, *ui);
  ui::RegisterBulkPages(http, *ui);
  ui::RegisterReportPages(http, *ui);
  ui::RegisterOtherPages(http, *ui);
}

}  // namespace partyscreen::server
