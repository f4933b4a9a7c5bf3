// Placeholder translation unit so the check library exists before its sources land.
namespace trtdoctor::check {}
