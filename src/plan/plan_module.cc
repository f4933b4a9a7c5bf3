// Placeholder translation unit so the plan library exists before its sources land.
namespace trtdoctor::plan {}
