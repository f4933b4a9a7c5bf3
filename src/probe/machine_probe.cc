#include "probe/machine_probe.h"

#include "probe/gpu_probe.h"
#include "probe/host_probe.h"
#include "probe/library_scan.h"

namespace trtdoctor::probe {

MachineFacts probe_machine(const ProbeOptions& options) {
    MachineFacts m;
    std::shared_ptr<DriverApi> api = options.driver_api;
    if (!api) api = std::shared_ptr<DriverApi>(make_dlopen_driver_api());
    m.driver = collect_driver_facts_bounded(api, options.driver_deadline, options.nvml_first);
    m.host = probe_host();
    m.libraries = scan_libraries(m.library_notes);
    if (options.find_trtexec) m.trtexec = probe_trtexec(options.trtexec_path);
    return m;
}

}  // namespace trtdoctor::probe
