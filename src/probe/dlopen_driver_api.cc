// DriverApi over the real libcuda.so.1 and libnvidia-ml.so.1, opened with dlopen at run time.
#include <dlfcn.h>
#include <link.h>

#include <array>
#include <cstring>
#include <vector>

#include "probe/driver_abi.h"
#include "probe/driver_api.h"

namespace trtdoctor::probe {
namespace {

/// A dlopen'ed library and a typed symbol lookup that records what is missing.
class Library {
public:
    LibraryLoad open(const std::string& name) {
        m_load = {};
        dlerror();
        m_handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (m_handle == nullptr) {
            const char* e = dlerror();
            m_load.error = e != nullptr ? e : "dlopen failed";
            return m_load;
        }
        m_load.found = true;
        m_load.path = name;
        // The file the loader picked, from its link map (l_name is the full path).
        struct link_map* map = nullptr;
        if (dlinfo(m_handle, RTLD_DI_LINKMAP, &map) == 0 && map != nullptr && map->l_name != nullptr &&
            map->l_name[0] == '/') {
            m_load.path = map->l_name;
        }
        return m_load;
    }

    template <class Fn>
    Fn symbol(const char* name) {
        if (m_handle == nullptr) return nullptr;
        void* p = dlsym(m_handle, name);
        if (p == nullptr) m_load.missing_symbols.emplace_back(name);
        return reinterpret_cast<Fn>(p);
    }
    const LibraryLoad& load() const { return m_load; }

private:
    void* m_handle = nullptr;
    LibraryLoad m_load;
};

constexpr int kMissingSymbol = -1;  // returned when an entry point is absent

class DlopenDriverApi final : public DriverApi {
public:
    DlopenDriverApi(std::string cuda, std::string nvml)
        : m_cuda_name(std::move(cuda)), m_nvml_name(std::move(nvml)) {}

    LibraryLoad cuda_library() override {
        if (m_cuda_loaded) return m_cuda.load();
        m_cuda_loaded = true;
        if (!m_cuda.open(m_cuda_name).found) return m_cuda.load();
        m_cu_init = m_cuda.symbol<abi::cuInit_t>("cuInit");
        m_cu_driver_version = m_cuda.symbol<abi::cuDriverGetVersion_t>("cuDriverGetVersion");
        m_cu_count = m_cuda.symbol<abi::cuDeviceGetCount_t>("cuDeviceGetCount");
        m_cu_get = m_cuda.symbol<abi::cuDeviceGet_t>("cuDeviceGet");
        m_cu_name = m_cuda.symbol<abi::cuDeviceGetName_t>("cuDeviceGetName");
        m_cu_attr = m_cuda.symbol<abi::cuDeviceGetAttribute_t>("cuDeviceGetAttribute");
        m_cu_mem = m_cuda.symbol<abi::cuDeviceTotalMem_v2_t>("cuDeviceTotalMem_v2");
        m_cu_err = m_cuda.symbol<abi::cuGetErrorName_t>("cuGetErrorName");
        return m_cuda.load();
    }
    int cu_init() override { return m_cu_init ? m_cu_init(0) : kMissingSymbol; }
    std::string cu_error_name(int code) override {
        const char* name = nullptr;
        if (m_cu_err && m_cu_err(code, &name) == abi::CUDA_SUCCESS && name) return name;
        return {};
    }
    int cu_driver_version(int* v) override {
        return m_cu_driver_version ? m_cu_driver_version(v) : kMissingSymbol;
    }
    int cu_device_count(int* n) override { return m_cu_count ? m_cu_count(n) : kMissingSymbol; }
    int cu_device_attribute(int ordinal, int attribute, int* value) override {
        abi::CUdevice d = 0;
        if (!m_cu_get || !m_cu_attr) return kMissingSymbol;
        if (int rc = m_cu_get(&d, ordinal); rc != abi::CUDA_SUCCESS) return rc;
        return m_cu_attr(value, attribute, d);
    }
    int cu_device_name(int ordinal, std::string* name) override {
        abi::CUdevice d = 0;
        if (!m_cu_get || !m_cu_name) return kMissingSymbol;
        if (int rc = m_cu_get(&d, ordinal); rc != abi::CUDA_SUCCESS) return rc;
        std::array<char, 256> buf{};
        int rc = m_cu_name(buf.data(), static_cast<int>(buf.size() - 1), d);
        if (rc == abi::CUDA_SUCCESS) *name = std::string(buf.data(), strnlen(buf.data(), buf.size()));
        return rc;
    }
    int cu_device_total_mem(int ordinal, std::uint64_t* bytes) override {
        abi::CUdevice d = 0;
        if (!m_cu_get || !m_cu_mem) return kMissingSymbol;
        if (int rc = m_cu_get(&d, ordinal); rc != abi::CUDA_SUCCESS) return rc;
        std::size_t b = 0;
        int rc = m_cu_mem(&b, d);
        if (rc == abi::CUDA_SUCCESS) *bytes = b;
        return rc;
    }

    LibraryLoad nvml_library() override {
        if (m_nvml_loaded) return m_nvml.load();
        m_nvml_loaded = true;
        if (!m_nvml.open(m_nvml_name).found) return m_nvml.load();
        m_nv_init = m_nvml.symbol<abi::nvmlInit_v2_t>("nvmlInit_v2");
        m_nv_driver = m_nvml.symbol<abi::nvmlSystemGetDriverVersion_t>("nvmlSystemGetDriverVersion");
        m_nv_count = m_nvml.symbol<abi::nvmlDeviceGetCount_v2_t>("nvmlDeviceGetCount_v2");
        m_nv_handle = m_nvml.symbol<abi::nvmlDeviceGetHandleByIndex_v2_t>("nvmlDeviceGetHandleByIndex_v2");
        m_nv_name = m_nvml.symbol<abi::nvmlDeviceGetName_t>("nvmlDeviceGetName");
        m_nv_uuid = m_nvml.symbol<abi::nvmlDeviceGetUUID_t>("nvmlDeviceGetUUID");
        m_nv_mem = m_nvml.symbol<abi::nvmlDeviceGetMemoryInfo_t>("nvmlDeviceGetMemoryInfo");
        m_nv_cc = m_nvml.symbol<abi::nvmlDeviceGetCudaComputeCapability_t>("nvmlDeviceGetCudaComputeCapability");
        m_nv_mig = m_nvml.symbol<abi::nvmlDeviceGetMigMode_t>("nvmlDeviceGetMigMode");
        m_nv_mode = m_nvml.symbol<abi::nvmlDeviceGetComputeMode_t>("nvmlDeviceGetComputeMode");
        m_nv_ecc = m_nvml.symbol<abi::nvmlDeviceGetTotalEccErrors_t>("nvmlDeviceGetTotalEccErrors");
        m_nv_procs = m_nvml.symbol<abi::nvmlDeviceGetComputeRunningProcesses_t>("nvmlDeviceGetComputeRunningProcesses");
        return m_nvml.load();
    }
    int nvml_init() override { return m_nv_init ? m_nv_init() : kMissingSymbol; }
    int nvml_driver_version(std::string* version) override {
        if (!m_nv_driver) return kMissingSymbol;
        std::array<char, 96> buf{};
        int rc = m_nv_driver(buf.data(), static_cast<unsigned>(buf.size() - 1));
        if (rc == abi::NVML_SUCCESS) *version = std::string(buf.data(), strnlen(buf.data(), buf.size()));
        return rc;
    }
    int nvml_device_count(unsigned* count) override {
        return m_nv_count ? m_nv_count(count) : kMissingSymbol;
    }
    int nvml_device(unsigned index, NvmlDevice* out) override {
        if (!m_nv_handle) return kMissingSymbol;
        abi::nvmlDevice_t dev = nullptr;
        if (int rc = m_nv_handle(index, &dev); rc != abi::NVML_SUCCESS) return rc;
        std::array<char, 256> buf{};
        if (m_nv_name && m_nv_name(dev, buf.data(), static_cast<unsigned>(buf.size() - 1)) == 0) {
            out->name = std::string(buf.data(), strnlen(buf.data(), buf.size()));
        }
        buf.fill(0);
        if (m_nv_uuid && m_nv_uuid(dev, buf.data(), static_cast<unsigned>(buf.size() - 1)) == 0) {
            out->uuid = std::string(buf.data(), strnlen(buf.data(), buf.size()));
        }
        int major = 0, minor = 0;
        if (m_nv_cc && m_nv_cc(dev, &major, &minor) == 0) {
            out->cc_major = major;
            out->cc_minor = minor;
        }
        abi::NvmlMemory mem{};
        if (m_nv_mem && m_nv_mem(dev, &mem) == 0) {
            out->total_bytes = mem.total;
            out->free_bytes = mem.free;
        }
        unsigned current = 0, pending = 0;
        if (m_nv_mig && m_nv_mig(dev, &current, &pending) == 0) out->mig_enabled = current != 0;
        int mode = 0;
        if (m_nv_mode && m_nv_mode(dev, &mode) == 0) out->compute_mode = mode;
        unsigned long long ecc = 0;
        if (m_nv_ecc && m_nv_ecc(dev, abi::NVML_MEMORY_ERROR_TYPE_UNCORRECTED,
                                 abi::NVML_VOLATILE_ECC, &ecc) == 0) {
            out->ecc_uncorrected = ecc;
        }
        if (m_nv_procs) {
            std::vector<abi::NvmlProcessInfoV1> infos(64);
            unsigned count = static_cast<unsigned>(infos.size());
            if (m_nv_procs(dev, &count, infos.data()) == 0) {
                for (unsigned i = 0; i < count && i < infos.size(); ++i) {
                    GpuProcess p;
                    p.pid = infos[i].pid;
                    // NVML_VALUE_NOT_AVAILABLE is ~0ULL (e.g. without permission, under MIG).
                    if (infos[i].used_gpu_memory != ~0ULL) p.used_bytes = infos[i].used_gpu_memory;
                    out->processes.push_back(std::move(p));
                }
            }
        }
        return abi::NVML_SUCCESS;
    }

private:
    std::string m_cuda_name, m_nvml_name;
    Library m_cuda, m_nvml;
    bool m_cuda_loaded = false, m_nvml_loaded = false;
    abi::cuInit_t m_cu_init = nullptr;
    abi::cuDriverGetVersion_t m_cu_driver_version = nullptr;
    abi::cuDeviceGetCount_t m_cu_count = nullptr;
    abi::cuDeviceGet_t m_cu_get = nullptr;
    abi::cuDeviceGetName_t m_cu_name = nullptr;
    abi::cuDeviceGetAttribute_t m_cu_attr = nullptr;
    abi::cuDeviceTotalMem_v2_t m_cu_mem = nullptr;
    abi::cuGetErrorName_t m_cu_err = nullptr;
    abi::nvmlInit_v2_t m_nv_init = nullptr;
    abi::nvmlSystemGetDriverVersion_t m_nv_driver = nullptr;
    abi::nvmlDeviceGetCount_v2_t m_nv_count = nullptr;
    abi::nvmlDeviceGetHandleByIndex_v2_t m_nv_handle = nullptr;
    abi::nvmlDeviceGetName_t m_nv_name = nullptr;
    abi::nvmlDeviceGetUUID_t m_nv_uuid = nullptr;
    abi::nvmlDeviceGetMemoryInfo_t m_nv_mem = nullptr;
    abi::nvmlDeviceGetCudaComputeCapability_t m_nv_cc = nullptr;
    abi::nvmlDeviceGetMigMode_t m_nv_mig = nullptr;
    abi::nvmlDeviceGetComputeMode_t m_nv_mode = nullptr;
    abi::nvmlDeviceGetTotalEccErrors_t m_nv_ecc = nullptr;
    abi::nvmlDeviceGetComputeRunningProcesses_t m_nv_procs = nullptr;
};

}  // namespace

std::unique_ptr<DriverApi> make_dlopen_driver_api() {
    return make_dlopen_driver_api("libcuda.so.1", "libnvidia-ml.so.1");
}

std::unique_ptr<DriverApi> make_dlopen_driver_api(std::string cuda_library,
                                                  std::string nvml_library) {
    return std::make_unique<DlopenDriverApi>(std::move(cuda_library), std::move(nvml_library));
}

}  // namespace trtdoctor::probe
