// Placeholder translation unit so the probe library exists before its sources land.
namespace trtdoctor::probe {}
