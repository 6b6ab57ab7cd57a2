//! The curated sources and the embedded default: valid, and every skill the fixtures and
//! role profiles name resolves with `find`.

use std::path::{Path, PathBuf};

use rolefit_match::{SkillId, Taxonomy, TaxonomyBuilder};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn curated() -> Taxonomy {
    let dir = crate_dir().join("data/curated");
    let mut builder = TaxonomyBuilder::new();
    builder
        .add_file(&dir.join("skills.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    builder
        .add_file(&dir.join("ambiguous.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    builder.build().unwrap_or_else(|e| panic!("{e}"))
}

/// Every `skills` and `not_skills` name of the fixture sidecars.
fn fixture_skill_names() -> Vec<(PathBuf, String)> {
    let dir = crate_dir().join("../../fixtures/resumes");
    let mut names = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return names;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for key in ["skills", "not_skills"] {
            for name in value
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(name) = name.as_str() {
                    names.push((path.clone(), name.to_owned()));
                }
            }
        }
    }
    names
}

fn assert_all_found(taxonomy: &Taxonomy, what: &str) {
    let missing: Vec<String> = fixture_skill_names()
        .into_iter()
        .filter(|(_, name)| taxonomy.find(name).is_none())
        .map(|(path, name)| format!("{name} ({})", path.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: fixture skills not found: {missing:?}"
    );
}

#[test]
fn curated_sources_are_valid_and_cover_the_fixtures() {
    let taxonomy = curated();
    assert!(taxonomy.len() > 800, "{}", taxonomy.len());
    assert_all_found(&taxonomy, "curated");
}

#[test]
fn embedded_default_covers_the_fixtures() {
    assert_all_found(Taxonomy::embedded(), "embedded");
}

#[test]
fn ml_role_profile_skills_resolve_to_the_right_ids() {
    let t = Taxonomy::embedded();
    for (name, id) in [
        ("Python", "python"),
        ("NumPy", "numpy"),
        ("pandas", "pandas"),
        ("PyTorch", "pytorch"),
        ("TensorFlow", "tensorflow"),
        ("Keras", "keras"),
        ("JAX", "jax"),
        ("sklearn", "scikit-learn"),
        ("scikit learn", "scikit-learn"),
        ("XGBoost", "xgboost"),
        ("LightGBM", "lightgbm"),
        ("Hugging Face", "hugging-face"),
        ("HF Transformers", "hugging-face-transformers"),
        ("MLOps", "mlops"),
        ("MLflow", "mlflow"),
        ("W&B", "weights-and-biases"),
        ("Kubeflow", "kubeflow"),
        ("DVC", "dvc"),
        ("Airflow", "apache-airflow"),
        ("Amazon SageMaker", "aws-sagemaker"),
        ("Vertex AI", "vertex-ai"),
        ("GCP Vertex AI", "vertex-ai"),
        ("Azure Machine Learning", "azure-ml"),
        ("Databricks", "databricks"),
        ("Spark", "apache-spark"),
        ("Kafka", "apache-kafka"),
        ("dbt", "dbt"),
        ("Snowflake", "snowflake"),
        ("BigQuery", "bigquery"),
        ("SQL", "sql"),
        ("Git", "git"),
        ("unit testing", "unit-testing"),
        ("CI/CD", "ci-cd"),
        ("REST APIs", "rest-apis"),
        ("FastAPI", "fastapi"),
        ("Flask", "flask"),
        ("Docker", "docker"),
        ("k8s", "kubernetes"),
        ("statistics", "statistics"),
        ("probability", "probability"),
        ("hypothesis testing", "hypothesis-testing"),
        ("A/B testing", "ab-testing"),
        ("Bayesian inference", "bayesian-inference"),
        ("machine learning", "machine-learning"),
        ("deep learning", "deep-learning"),
        ("supervised learning", "supervised-learning"),
        ("unsupervised learning", "unsupervised-learning"),
        ("feature engineering", "feature-engineering"),
        ("model evaluation", "model-evaluation"),
        ("convolutional neural networks", "cnn"),
        ("CNN", "cnn"),
        ("ConvNets", "cnn"),
        ("RNNs", "rnn"),
        ("LSTM", "lstm"),
        ("transformers", "transformers"),
        ("attention mechanisms", "attention-mechanisms"),
        ("LLMs", "llm"),
        ("fine-tuning", "fine-tuning"),
        ("LoRA", "lora"),
        ("RAG", "rag"),
        ("prompt engineering", "prompt-engineering"),
        ("vector databases", "vector-databases"),
        ("LangChain", "langchain"),
        ("embeddings", "embeddings"),
        ("NLP", "nlp"),
        ("computer vision", "computer-vision"),
        ("OpenCV", "opencv"),
        ("object detection", "object-detection"),
        ("image segmentation", "image-segmentation"),
        ("recommender systems", "recommender-systems"),
        ("collaborative filtering", "collaborative-filtering"),
        ("learning to rank", "learning-to-rank"),
        ("model serving", "model-serving"),
        ("model monitoring", "model-monitoring"),
        ("data drift", "data-drift"),
        ("feature stores", "feature-store"),
        ("ONNX", "onnx"),
        ("TensorRT", "tensorrt"),
        ("Triton", "triton-inference-server"),
        ("Ray", "ray"),
        ("distributed training", "distributed-training"),
        ("CUDA", "cuda"),
        ("data pipelines", "data-pipelines"),
        ("ETL", "etl"),
        ("data warehousing", "data-warehousing"),
        ("data modeling", "data-modeling"),
        ("JS", "javascript"),
        ("C++", "cpp"),
        ("C#", "csharp"),
        (".NET", "dotnet"),
        ("Node.js", "nodejs"),
        ("Go", "go"),
        ("R", "r"),
    ] {
        let found = t.find(name).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(found.id, SkillId::from(id), "{name}");
    }
}

#[test]
fn hierarchy_of_the_default() {
    let t = Taxonomy::embedded();
    let closure = |id: &str| t.implied_closure(&SkillId::from(id));
    assert!(closure("pytorch").contains(&SkillId::from("deep-learning")));
    assert!(closure("pytorch").contains(&SkillId::from("machine-learning")));
    assert!(closure("aws-sagemaker").contains(&SkillId::from("aws")));
    assert!(closure("keras").contains(&SkillId::from("deep-learning")));
}

/// The embedded JSON is generated from the curated files; this fails when they were edited
/// without running `cargo run -p xtask -- taxonomy`.
#[test]
fn embedded_default_is_up_to_date_with_the_curated_files() {
    let curated = curated();
    let embedded = Taxonomy::embedded();
    let mut stale = Vec::new();
    for skill in curated.skills() {
        let Some(generated) = embedded.get(&skill.id) else {
            stale.push(format!("{} is missing", skill.id));
            continue;
        };
        let same = generated.name == skill.name
            && generated.category == skill.category
            && generated.kind == skill.kind
            && generated.implies == skill.implies
            && generated.broader == skill.broader
            && skill.aliases.iter().all(|a| generated.aliases.contains(a));
        if !same {
            stale.push(format!("{} differs", skill.id));
        }
    }
    assert!(
        stale.is_empty(),
        "run `cargo run -p xtask -- taxonomy`: {stale:?}"
    );
}

#[test]
fn the_default_exports_to_toml_and_back() {
    let t = Taxonomy::embedded();
    let toml = t.to_toml().unwrap_or_else(|e| panic!("{e}"));
    let back = TaxonomyBuilder::new()
        .add_str("export.toml", &toml, rolefit_match::SpecFormat::Toml)
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.stamp(), t.stamp());
    let stats = t.stats();
    assert!(stats.skills >= 1500 && stats.aliases >= 5000, "{stats:?}");
}
