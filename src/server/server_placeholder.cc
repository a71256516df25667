// Placeholder translation unit so the module library exists before its issue lands.
namespace partyscreen::server_placeholder {}
