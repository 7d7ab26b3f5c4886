//! Demo network loader (being written).
pub async fn load_demo_if_empty(_db: &sea_orm::DatabaseConnection) -> anyhow::Result<bool> {
    Ok(false)
}
