// Placeholder translation unit so the module library exists before its issue lands.
namespace partyscreen::decide_placeholder {}
