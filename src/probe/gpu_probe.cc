#include "probe/gpu_probe.h"

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "probe/driver_abi.h"

namespace trtdoctor::probe {
namespace {

std::string process_name(std::uint32_t pid) {
    std::ifstream in(fmt::format("/proc/{}/comm", pid));
    std::string name;
    if (in) std::getline(in, name);
    return name;
}

/// Merges NVML's view into the CUDA device with the same name (or index), adds NVML-only ones.
void merge_nvml(DriverFacts& facts, unsigned index, const NvmlDevice& dev) {
    GpuFacts* target = nullptr;
    if (index < facts.gpus.size()) target = &facts.gpus[index];
    if (target == nullptr) {
        facts.gpus.emplace_back();
        target = &facts.gpus.back();
        target->index = static_cast<int>(facts.gpus.size() - 1);
    }
    if (target->name.empty()) target->name = dev.name;
    target->uuid = dev.uuid;
    if (target->cc_major == 0 && dev.cc_major) {
        target->cc_major = *dev.cc_major;
        target->cc_minor = dev.cc_minor.value_or(0);
    }
    if (!target->total_bytes) target->total_bytes = dev.total_bytes;
    target->free_bytes = dev.free_bytes;
    target->mig_enabled = dev.mig_enabled;
    target->compute_mode = dev.compute_mode;
    target->ecc_uncorrected = dev.ecc_uncorrected;
    target->processes = dev.processes;
    for (auto& p : target->processes) {
        if (p.name.empty()) p.name = process_name(p.pid);
    }
}

}  // namespace

std::string cu_result_meaning(int code) {
    switch (code) {
        case abi::CUDA_SUCCESS: return "success";
        case -1: return "libcuda does not export this entry point (broken or foreign library)";
        case abi::CUDA_ERROR_NOT_INITIALIZED: return "the driver is not initialized";
        case abi::CUDA_ERROR_INSUFFICIENT_DRIVER:
            return "the installed NVIDIA driver is older than this libcuda needs (driver too old)";
        case abi::CUDA_ERROR_NO_DEVICE:
            return "no CUDA-capable device is visible (container started without GPU access, "
                   "CUDA_VISIBLE_DEVICES empty, or no GPU)";
        case abi::CUDA_ERROR_SYSTEM_DRIVER_MISMATCH:
            return "libcuda and the loaded kernel module are different driver versions";
        case abi::CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE:
            return "forward-compatibility libcuda is not supported on this GPU";
        case abi::CUDA_ERROR_UNKNOWN:
            return "unknown error (often a half-loaded kernel module, missing /dev/nvidia-uvm, "
                   "or a GPU in a bad state)";
        default: return fmt::format("CUresult {}", code);
    }
}

namespace {

void collect_cuda(DriverApi& api, DriverFacts& facts) {
    facts.cuda = api.cuda_library();
    if (!facts.cuda.found) return;
    int rc = api.cu_init();
    facts.cu_init = rc;
    facts.cu_init_name = api.cu_error_name(rc);
    int version = 0;
    if (api.cu_driver_version(&version) == abi::CUDA_SUCCESS && version > 0) {
        facts.cuda_driver_version = version;
    }
    int count = 0;
    if (rc == abi::CUDA_SUCCESS && api.cu_device_count(&count) == abi::CUDA_SUCCESS) {
        for (int i = 0; i < count && i < 64; ++i) {
            GpuFacts g;
            g.index = i;
            api.cu_device_name(i, &g.name);
            int v = 0;
            if (api.cu_device_attribute(i, abi::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, &v) == 0) g.cc_major = v;
            if (api.cu_device_attribute(i, abi::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, &v) == 0) g.cc_minor = v;
            if (api.cu_device_attribute(i, abi::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, &v) == 0) g.sm_count = v;
            if (api.cu_device_attribute(i, abi::CU_DEVICE_ATTRIBUTE_INTEGRATED, &v) == 0) g.integrated = v != 0;
            std::uint64_t mem = 0;
            if (api.cu_device_total_mem(i, &mem) == 0) g.total_bytes = mem;
            facts.gpus.push_back(std::move(g));
        }
    } else if (rc == abi::CUDA_SUCCESS) {
        facts.notes.push_back("cuDeviceGetCount failed");
    }
}

void collect_nvml(DriverApi& api, DriverFacts& facts) {
    facts.nvml = api.nvml_library();
    if (!facts.nvml.found) return;
    int rc = api.nvml_init();
    facts.nvml_init = rc;
    if (rc != abi::NVML_SUCCESS) {
        facts.notes.push_back(fmt::format("nvmlInit_v2 returned {}", rc));
        return;
    }
    std::string version;
    if (api.nvml_driver_version(&version) == abi::NVML_SUCCESS) facts.driver_version = version;
    unsigned count = 0;
    if (api.nvml_device_count(&count) == abi::NVML_SUCCESS) {
        for (unsigned i = 0; i < count && i < 64; ++i) {
            NvmlDevice dev;
            if (api.nvml_device(i, &dev) == abi::NVML_SUCCESS) merge_nvml(facts, i, dev);
        }
    }
}

}  // namespace

DriverFacts collect_driver_facts(DriverApi& api, bool nvml_first) {
    DriverFacts facts;
    if (nvml_first) {
        collect_nvml(api, facts);
        if (!facts.gpus.empty()) {
            // libcuda is still opened (cheap) so that a missing or broken one is reported;
            // only cuInit and the device queries are skipped.
            facts.cuda = api.cuda_library();
            facts.notes.push_back("CUDA driver API not initialised (fast path): SM count and "
                                  "integrated flag not read");
            return facts;
        }
        facts.gpus.clear();
    }
    collect_cuda(api, facts);
    if (!nvml_first) collect_nvml(api, facts);  // with nvml_first NVML was asked already
    return facts;
}

DriverFacts collect_driver_facts_bounded(std::shared_ptr<DriverApi> api,
                                         std::chrono::milliseconds deadline, bool nvml_first) {
    struct Shared {
        std::mutex mutex;
        std::condition_variable done_cv;
        bool done = false;
        DriverFacts facts;
    };
    auto shared = std::make_shared<Shared>();
    std::thread worker([shared, api, nvml_first] {
        DriverFacts facts = collect_driver_facts(*api, nvml_first);
        std::lock_guard lock(shared->mutex);
        shared->facts = std::move(facts);
        shared->done = true;
        shared->done_cv.notify_all();
    });
    std::unique_lock lock(shared->mutex);
    if (!shared->done_cv.wait_for(lock, deadline, [&] { return shared->done; })) {
        lock.unlock();
        worker.detach();  // stuck inside the driver; it cannot be cancelled safely
        DriverFacts facts;
        facts.timed_out = true;
        facts.timeout_ms = static_cast<std::uint32_t>(deadline.count());
        facts.notes.push_back(fmt::format("the NVIDIA driver did not answer within {} ms",
                                          deadline.count()));
        return facts;
    }
    DriverFacts facts = std::move(shared->facts);
    lock.unlock();
    worker.join();
    return facts;
}

}  // namespace trtdoctor::probe
