//! The learning roadmap as data: four stages from ML foundations to specialisation.

use std::fmt;

use serde::{Serialize, Serializer};

/// A roadmap stage number, 1 to 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stage(u8);

impl Stage {
    /// The stage numbered `n`; `None` unless `1 <= n <= 4`.
    pub fn new(n: u8) -> Option<Stage> {
        (1..=ROADMAP.len() as u8).contains(&n).then_some(Stage(n))
    }

    /// The stage number, 1 to 4.
    pub fn number(self) -> u8 {
        self.0
    }

    /// What the stage is and covers.
    pub fn info(self) -> &'static RoadmapStage {
        &ROADMAP[usize::from(self.0) - 1]
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stage {} ({})", self.0, self.info().title)
    }
}

/// One stage of the learning roadmap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoadmapStage {
    /// Stage number, 1 to 4.
    pub number: u8,
    /// Title ("ML Foundations").
    pub title: &'static str,
    /// First month of the stage, counted from the start of learning.
    pub start_month: u8,
    /// Last month of the stage.
    pub end_month: u8,
    /// What the stage covers, in learning order.
    pub covers: &'static [&'static str],
}

/// The four stages of the ML engineer learning roadmap (months 1–24).
///
/// Profile requirements name the stage where their skill is learned; a report says which stage
/// a person has reached and lists the next steps from there on.
pub const ROADMAP: [RoadmapStage; 4] = [
    RoadmapStage {
        number: 1,
        title: "ML Foundations",
        start_month: 1,
        end_month: 5,
        covers: &[
            "Python programming with NumPy and Pandas",
            "statistics and probability",
            "machine-learning fundamentals through a structured curriculum",
            "the difference between ML engineering (production) and data science (research)",
        ],
    },
    RoadmapStage {
        number: 2,
        title: "Deep Learning & Frameworks",
        start_month: 5,
        end_month: 10,
        covers: &[
            "PyTorch or TensorFlow in depth",
            "building and training neural networks from scratch on real datasets",
            "CNNs, RNNs and transformers, and the intuition behind each",
            "hands-on practice with a competitive feedback loop (for example Kaggle)",
        ],
    },
    RoadmapStage {
        number: 3,
        title: "MLOps & Production Systems",
        start_month: 10,
        end_month: 16,
        covers: &[
            "deploying models as APIs",
            "monitoring model performance in production",
            "managing the ML lifecycle with MLflow, Weights & Biases and Kubeflow",
            "scaling model serving and handling data drift",
        ],
    },
    RoadmapStage {
        number: 4,
        title: "Specialisation & Job Search",
        start_month: 16,
        end_month: 24,
        covers: &[
            "a specialisation: LLMs and GenAI, computer vision, or recommender systems",
            "portfolio projects that show end-to-end ML systems, not only notebooks",
            "targeting ML Engineer, Applied Scientist and AI Platform Engineer roles",
        ],
    },
];

/// Share of a stage's requirement weight that must be earned for the stage to count as reached
/// (0.6: most of it, not all of it).
pub const STAGE_REACHED_SHARE: f64 = 0.6;
