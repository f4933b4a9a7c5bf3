// Placeholder translation unit so the log library exists before its sources land.
namespace trtdoctor::log {}
