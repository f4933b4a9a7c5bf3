// Placeholder translation unit so the manifest library exists before its sources land.
namespace trtdoctor::manifest {}
