// Placeholder translation unit so the perf library exists before its sources land.
namespace trtdoctor::perf {}
