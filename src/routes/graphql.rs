//! GraphQL over HTTP, written for cusnet instead of the stock extractor, so that the body is
//! size-limited, only JSON is accepted (no CORS-simple `text/plain` requests), mutations never
//! run over GET, batching is refused and the response media type follows `Accept`.
//!
//! Compressed request bodies are refused (415): a body is read as sent, so its size limit is
//! also the limit on what is parsed, and a compression bomb never gets inflated. Before the
//! engine sees a query its shape is checked (`graphql::shape`): text nesting, field and alias
//! counts, fragment cycles.

use crate::auth::Principal;
use crate::error::code;
use crate::graphql::{request_data, shape};
use crate::outage::RETRY_AFTER_SECS;
use crate::routes::rate_limit;
use crate::startup::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use async_graphql::parser::types::OperationType;
use futures_util::StreamExt;
use serde::Deserialize;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// The response media type chosen from `Accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaType {
    GraphqlResponse,
    Json,
}

impl MediaType {
    fn as_str(self) -> &'static str {
        match self {
            Self::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// Picks the response type. No `Accept` means `application/json` (legacy clients).
fn negotiate(req: &HttpRequest) -> Option<MediaType> {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return Some(MediaType::Json);
    };
    let mut json_ok = false;
    for part in accept.split(',') {
        let media = part
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            GRAPHQL_RESPONSE => return Some(MediaType::GraphqlResponse),
            JSON | "*/*" | "application/*" => json_ok = true,
            _ => {}
        }
    }
    json_ok.then_some(MediaType::Json)
}

/// An error response in GraphQL shape (`{"errors":[…]}`), for failures before execution.
fn request_error(
    status: StatusCode,
    media: MediaType,
    error_code: &str,
    message: &str,
) -> HttpResponse {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": error_code } }]
    });
    let mut resp = HttpResponse::build(status);
    resp.content_type(media.as_str());
    if error_code == code::UNAUTHENTICATED {
        resp.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    resp.body(body.to_string())
}

/// Reads the principal from `Authorization: Bearer …`; no header means anonymous.
async fn principal(req: &HttpRequest, state: &AppState) -> Result<Principal, &'static str> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Principal::Anonymous);
    };
    let value = value
        .to_str()
        .map_err(|_| "malformed Authorization header")?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or("Authorization must be `Bearer <token>`")?;
    state
        .keys
        .verify(token.trim())
        .await
        .map_err(|_| "invalid or expired access token")
}

/// Requests this large or larger take turns (`CUSNET_LARGE_REQUEST_CONCURRENCY`) before
/// their document is parsed.
pub(crate) const LARGE_REQUEST_BYTES: usize = 64 * 1024;

/// The response to a request that produced no GraphQL response.
fn failure_response(media: MediaType, failure: crate::graphql::guard::Failure) -> HttpResponse {
    let (status, body) = failure.response();
    let mut resp = HttpResponse::build(status);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        resp.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECS.to_string()));
    }
    resp.content_type(media.as_str()).body(body.to_string())
}

/// A turn among the large requests, taken in arrival order, waiting at most `limit` (zero:
/// no limit).
async fn large_request_turn(
    state: &AppState,
    limit: std::time::Duration,
) -> Result<tokio::sync::OwnedSemaphorePermit, crate::graphql::guard::Failure> {
    use crate::graphql::guard::Failure;
    let turn = state.large_requests.clone().acquire_owned();
    let permit = if limit.is_zero() {
        turn.await
    } else {
        tokio::time::timeout(limit, turn)
            .await
            .map_err(|_| Failure::TimedOut)?
    };
    // The semaphore is never closed.
    permit.map_err(|_| Failure::Panicked)
}

/// Runs a parsed request of `size` bytes and writes the response.
async fn execute(
    req: &HttpRequest,
    state: &AppState,
    media: MediaType,
    mut gql: async_graphql::Request,
    size: usize,
) -> HttpResponse {
    let principal = principal(req, state).await;
    if let Err(wait) = rate_limit::admit(req, &state.rate_limits, principal.as_ref().ok(), &gql) {
        return rate_limit::too_many_requests(media.as_str(), wait);
    }
    let principal = match principal {
        Ok(p) => p,
        Err(msg) => {
            return request_error(StatusCode::UNAUTHORIZED, media, code::UNAUTHENTICATED, msg);
        }
    };
    let request_id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let limit = state.settings.request_timeout;
    // The serving worker's reads: its own connections (PostgreSQL), its shared lookups.
    let lane = req
        .app_data::<web::Data<crate::db::ReadLane>>()
        .map(|l| l.clone().into_inner());
    // A large body takes its turn before its document runs; the turn is held until the
    // response is written.
    let body_turn = if size >= LARGE_REQUEST_BYTES {
        match large_request_turn(state, limit).await {
            Ok(t) => Some(t),
            Err(failure) => return failure_response(media, failure),
        }
    } else {
        None
    };
    let mut failed_compiled = None;
    if let Some(entry) = state.compiled.lookup(&gql) {
        // A document whose responses are large takes a turn as a large body does (unless its
        // body already has one): a burst of them must not hold many responses' rows and
        // bodies in memory at once.
        let large = body_turn.is_none() && entry.last_size() >= LARGE_REQUEST_BYTES;
        let _read_turn = if large {
            match large_request_turn(state, limit).await {
                Ok(t) => Some(t),
                Err(failure) => return failure_response(media, failure),
            }
        } else {
            None
        };
        let _running = large.then(|| state.compiled.large_running());
        let db = crate::access::ScopedDb::new(state.db.clone(), principal.clone())
            .with_lane(lane.clone());
        match compiled_read(state, &entry, &db, request_id.clone(), limit).await {
            Ok(body) => {
                state.compiled.count_served();
                return HttpResponse::Ok().content_type(media.as_str()).body(body);
            }
            Err(Compiled::Failed(failure)) => return failure_response(media, failure),
            Err(Compiled::Response(r)) => failed_compiled = Some(r),
            // Anything else the compiled read could not finish, the engine runs and reports.
            Err(Compiled::Engine) => {}
        }
    }
    let mut candidate = None;
    // The document as parsed, to put the engine's fields in the query's order.
    let mut parsed = None;
    let mut response = match check_shape(&mut gql, state) {
        // A compiled read the database failed answers as the engine would have.
        _ if failed_compiled.is_some() => failed_compiled.map(|r| *r).unwrap_or_default(),
        Ok(()) => {
            candidate = state.compiled.candidate(&mut gql);
            let operation = gql.operation_name.clone();
            let variables = gql.variables.clone();
            parsed = gql
                .parsed_query()
                .ok()
                .map(|doc| (doc.clone(), operation, variables));
            // Responses carrying personal data append who read which persons (RODO).
            let log = crate::service::access_log::AccessCollector::new(
                &principal,
                &gql,
                request_id.clone(),
            );
            let client = crate::service::verification::ClientAddr::of(req.peer_addr());
            let gql = request_data(gql, state, principal, request_id, lane)
                .data(log.clone())
                .data(state.access_log.clone())
                .data(client);
            match crate::graphql::guard::execute_guarded(&state.schema, gql, limit).await {
                Ok(r) => {
                    log.finish(&state.access_log).await;
                    r
                }
                Err(failure) => return failure_response(media, failure),
            }
        }
        Err(refused) => async_graphql::Response::from_errors(vec![refused]),
    };
    if let Some(candidate) = candidate
        && response.errors.is_empty()
    {
        state.compiled.remember(candidate);
    }
    if let Some((doc, operation, variables)) = &parsed {
        crate::graphql::field_order::in_query_order(
            doc,
            operation.as_deref(),
            variables,
            &mut response.data,
        );
    }
    // Errors raised by the engine (syntax, validation, argument coercion) carry no code:
    // they are all the client's input.
    for err in &mut response.errors {
        let ext = err.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            ext.set("code", code::BAD_USER_INPUT);
            if let Some(field) = argument_path(&err.message) {
                ext.set("field", field);
            } else if let Some(limit) = engine_limit(&err.message) {
                ext.set("field", "query");
                ext.set("limit", limit);
            }
        }
    }
    // A request that failed before execution (syntax, validation, limits: errors without a
    // path) is a "request error" in GraphQL over HTTP: no `data` entry, and with the GraphQL
    // response media type a 400. A `data: null` from field errors is still a 200.
    let not_executed = response.data == async_graphql::Value::Null
        && response.is_err()
        && response.errors.iter().all(|e| e.path.is_empty());
    let outage = crate::graphql::guard::failed_for_outage(&response);
    let status = if outage {
        StatusCode::SERVICE_UNAVAILABLE
    } else if media == MediaType::GraphqlResponse && not_executed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // Serialised straight from the engine's ordered value: fields keep the order of the
    // query, as GraphQL requires, and no intermediate JSON tree is built.
    let body = if not_executed {
        serde_json::to_vec(&RequestErrorBody {
            errors: &response.errors,
        })
    } else {
        serde_json::to_vec(&response)
    };
    match body {
        Ok(body) => {
            let mut resp = HttpResponse::build(status);
            if outage {
                resp.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECS.to_string()));
            }
            resp.content_type(media.as_str()).body(body)
        }
        Err(e) => {
            tracing::error!(error = %e, "serialising response");
            request_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                media,
                code::INTERNAL,
                "internal server error",
            )
        }
    }
}

/// How a compiled read ended without a body.
enum Compiled {
    /// The engine should run the request.
    Engine,
    /// The database failed: the response the engine would give.
    Response(Box<async_graphql::Response>),
    /// It timed out or panicked.
    Failed(crate::graphql::guard::Failure),
}

/// Runs a compiled read with the request timeout.
async fn compiled_read(
    state: &AppState,
    entry: &crate::graphql::compiled::Read,
    db: &crate::access::ScopedDb,
    request_id: Option<String>,
    limit: std::time::Duration,
) -> Result<Vec<u8>, Compiled> {
    use crate::graphql::compiled::Failed;
    use crate::graphql::guard::Failure;
    use futures_util::FutureExt;
    let log = crate::service::access_log::AccessCollector::for_operation(
        db.principal(),
        entry.operation_name(),
        request_id,
    );
    let run = std::panic::AssertUnwindSafe(crate::graphql::compiled::run(
        entry,
        db,
        &log,
        state.settings.max_page_size,
    ))
    .catch_unwind();
    let outcome = if limit.is_zero() {
        run.await
    } else {
        match tokio::time::timeout(limit, run).await {
            Ok(outcome) => outcome,
            Err(_) => {
                tracing::warn!(
                    limit_ms = limit.as_millis() as u64,
                    "request cancelled: it ran past the request timeout"
                );
                return Err(Compiled::Failed(Failure::TimedOut));
            }
        }
    };
    match outcome {
        Ok(Ok(body)) => {
            log.finish(&state.access_log).await;
            Ok(body)
        }
        Ok(Err(Failed::Engine)) => Err(Compiled::Engine),
        Ok(Err(Failed::Response(r))) => Err(Compiled::Response(r)),
        Err(_) => {
            tracing::error!("a compiled read panicked; the request failed");
            Err(Compiled::Failed(Failure::Panicked))
        }
    }
}

/// The body of a request error: only `errors`, no `data` entry.
#[derive(serde::Serialize)]
struct RequestErrorBody<'a> {
    errors: &'a [async_graphql::ServerError],
}

/// Checks the query's shape before the engine parses it fully or validates it; a refusal is
/// a coded error naming the limit (`extensions.limit`). A document that does not parse is
/// left to the engine, which reports the syntax error.
fn check_shape(
    gql: &mut async_graphql::Request,
    state: &AppState,
) -> Result<(), async_graphql::ServerError> {
    let refuse = |e: shape::ShapeError| {
        let mut err = async_graphql::ServerError::new(e.message, None);
        let mut ext = async_graphql::ErrorExtensionValues::default();
        ext.set("code", code::BAD_USER_INPUT);
        ext.set("field", "query");
        ext.set("limit", e.limit);
        err.extensions = Some(ext);
        err
    };
    shape::check_text(&gql.query).map_err(refuse)?;
    if let Ok(doc) = gql.parsed_query() {
        shape::check_document(doc, &state.settings.request_limits).map_err(refuse)?;
    }
    Ok(())
}

/// The limit an engine validation error reports, if it is one of the query-cost limits.
fn engine_limit(message: &str) -> Option<&'static str> {
    if message.starts_with("Query is nested too deep") {
        Some("depth")
    } else if message.starts_with("Query is too complex") {
        Some("complexity")
    } else if message.starts_with("The recursion depth of the query") {
        Some("recursion")
    } else if message.starts_with("The number of directives on the field") {
        Some("directives")
    } else {
        None
    }
}

/// Refuses a compressed body: only `identity` is read.
fn unsupported_encoding(req: &HttpRequest, media: MediaType) -> Option<HttpResponse> {
    let encoding = req.headers().get(header::CONTENT_ENCODING)?;
    let identity = encoding
        .to_str()
        .is_ok_and(|v| v.trim().eq_ignore_ascii_case("identity"));
    (!identity).then(|| {
        request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            code::BAD_USER_INPUT,
            "compressed request bodies are not accepted; send the body uncompressed",
        )
    })
}

/// `POST /graphql` with a JSON body `{query, variables, operationName}`.
pub async fn graphql_post(
    req: HttpRequest,
    mut payload: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(media) = negotiate(&req) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            MediaType::Json,
            code::BAD_USER_INPUT,
            "Accept must allow application/graphql-response+json or application/json",
        );
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != JSON {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            code::BAD_USER_INPUT,
            "Content-Type must be application/json",
        );
    }
    if let Some(refused) = unsupported_encoding(&req, media) {
        return refused;
    }
    let max_body = state.settings.request_limits.max_body_bytes;
    let too_large = || {
        request_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            media,
            code::BAD_USER_INPUT,
            &format!("request body larger than {max_body} bytes"),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body as u64) {
        return too_large();
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            return request_error(
                StatusCode::BAD_REQUEST,
                media,
                code::BAD_USER_INPUT,
                "could not read request body",
            );
        };
        if body.len() + chunk.len() > max_body {
            return too_large();
        }
        body.extend_from_slice(&chunk);
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return request_error(
            StatusCode::BAD_REQUEST,
            media,
            code::BAD_USER_INPUT,
            "batched requests are not supported",
        );
    }
    // A body without a string `query` is a malformed request (400), not an empty document.
    let gql = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .filter(|v| v.get("query").is_some_and(serde_json::Value::is_string))
        .and_then(|v| serde_json::from_value::<async_graphql::Request>(v).ok());
    let gql = match gql {
        Some(r) => r,
        None => {
            return request_error(
                StatusCode::BAD_REQUEST,
                media,
                code::BAD_USER_INPUT,
                "body must be a JSON object with a string `query`",
            );
        }
    };
    let size = body.len();
    execute(&req, &state, media, gql, size).await
}

/// Query-string form of a GET request.
#[derive(Debug, Deserialize)]
pub(crate) struct GetParams {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
}

/// `GET /graphql?query=…`: queries only.
pub async fn graphql_get(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let Some(media) = negotiate(&req) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            MediaType::Json,
            code::BAD_USER_INPUT,
            "Accept must allow application/graphql-response+json or application/json",
        );
    };
    let Ok(params) = web::Query::<GetParams>::from_query(req.query_string()) else {
        return request_error(
            StatusCode::BAD_REQUEST,
            media,
            code::BAD_USER_INPUT,
            "malformed query string",
        );
    };
    let GetParams {
        query,
        operation_name,
        variables,
    } = params.into_inner();
    let Some(query) = query else {
        return request_error(
            StatusCode::BAD_REQUEST,
            media,
            code::BAD_USER_INPUT,
            "missing `query` parameter",
        );
    };
    if let Ok(doc) = async_graphql::parser::parse_query(&query) {
        let is_mutation = doc.operations.iter().any(|(name, op)| {
            let selected = match (&operation_name, name) {
                (Some(wanted), Some(n)) => wanted.as_str() == n.as_str(),
                (None, _) => true,
                (Some(_), None) => false,
            };
            selected && op.node.ty != OperationType::Query
        });
        if is_mutation {
            let mut resp = request_error(
                StatusCode::METHOD_NOT_ALLOWED,
                media,
                code::BAD_USER_INPUT,
                "mutations and subscriptions must use POST",
            );
            resp.headers_mut()
                .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
            return resp;
        }
    }
    let mut gql = async_graphql::Request::new(query);
    if let Some(name) = operation_name {
        gql = gql.operation_name(name);
    }
    if let Some(vars) = variables {
        match serde_json::from_str::<serde_json::Value>(&vars) {
            Ok(v) => gql = gql.variables(async_graphql::Variables::from_json(v)),
            Err(_) => {
                return request_error(
                    StatusCode::BAD_REQUEST,
                    media,
                    code::BAD_USER_INPUT,
                    "`variables` must be JSON",
                );
            }
        }
    }
    let size = req.query_string().len();
    execute(&req, &state, media, gql, size).await
}

/// `GET /graphiql`: the in-browser IDE (development only).
pub async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            async_graphql::http::GraphiQLSource::build()
                .endpoint("/graphql")
                .finish(),
        )
}

/// The input path an engine coercion error names (`Invalid value for argument "input.tags.1"`),
/// written as the validation errors write paths (`input.tags[1]`).
fn argument_path(message: &str) -> Option<String> {
    let rest = message.strip_prefix("Invalid value for argument \"")?;
    let raw = &rest[..rest.find('"')?];
    let mut out = String::with_capacity(raw.len());
    for (i, part) in raw.split('.').enumerate() {
        if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::argument_path;

    #[test]
    fn engine_errors_name_the_input_path() {
        assert_eq!(
            argument_path(
                "Invalid value for argument \"input.serviceCategories.1\", enumeration type"
            )
            .as_deref(),
            Some("input.serviceCategories[1]")
        );
        assert_eq!(
            argument_path("Invalid value for argument \"id\", expected type \"ID\"").as_deref(),
            Some("id")
        );
        assert_eq!(argument_path("Unknown field \"x\""), None);
    }
}
