/// The environment a job is submitted with.
///
/// Inside an allocation (`tasks` itself running in an sbatch or salloc job) `SLURM_JOB_ID` and its
/// kin make `srun` create a step of the outer job, which silently ignores `--licenses`; removing
/// every `SLURM_*` variable makes each task a job of its own. `SLURM_CONF` names the cluster and
/// stays.
public enum SlurmEnvironment {
    public static func forSubmission(_ environment: [String: String]) -> [String: String] {
        environment.filter { key, _ in !key.hasPrefix("SLURM_") || key == "SLURM_CONF" }
    }
}
