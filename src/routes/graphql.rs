//! GraphQL over HTTP, written for cusnet instead of the stock extractor, so that the body is
//! size-limited, only JSON is accepted (no CORS-simple `text/plain` requests), mutations never
//! run over GET, batching is refused and the response media type follows `Accept`.

use crate::auth::Principal;
use crate::error::code;
use crate::graphql::request_data;
use crate::startup::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use async_graphql::parser::types::OperationType;
use futures_util::StreamExt;
use serde::Deserialize;

/// Largest request body accepted, in bytes.
pub(crate) const MAX_BODY_BYTES: usize = 256 * 1024;

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
fn principal(req: &HttpRequest, state: &AppState) -> Result<Principal, &'static str> {
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
        .map_err(|_| "invalid or expired access token")
}

/// Runs a parsed request and writes the response.
async fn execute(
    req: &HttpRequest,
    state: &AppState,
    media: MediaType,
    gql: async_graphql::Request,
) -> HttpResponse {
    let principal = match principal(req, state) {
        Ok(p) => p,
        Err(msg) => {
            return request_error(StatusCode::UNAUTHORIZED, media, code::UNAUTHENTICATED, msg);
        }
    };
    let request_id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let log =
        crate::service::access_log::AccessCollector::new(&principal, &gql, request_id.clone());
    let client = crate::service::verification::ClientAddr::of(req.peer_addr());
    let gql = request_data(gql, state, principal, request_id)
        .data(log.clone())
        .data(client);
    let mut response = state.schema.execute(gql).await;
    log.flush(&state.db, state.write_gate.as_ref()).await;
    // Errors raised by the engine (syntax, validation, argument coercion) carry no code:
    // they are all the client's input.
    for err in &mut response.errors {
        let ext = err.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            ext.set("code", code::BAD_USER_INPUT);
            if let Some(field) = argument_path(&err.message) {
                ext.set("field", field);
            }
        }
    }
    let request_failed = response.data == async_graphql::Value::Null && response.is_err();
    let status = if media == MediaType::GraphqlResponse && request_failed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    match serde_json::to_vec(&response) {
        Ok(body) => HttpResponse::build(status)
            .content_type(media.as_str())
            .body(body),
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
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                media,
                code::BAD_USER_INPUT,
                "request body too large",
            );
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
    let gql: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                media,
                code::BAD_USER_INPUT,
                "body must be a JSON object with a string `query`",
            );
        }
    };
    execute(&req, &state, media, gql).await
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
    execute(&req, &state, media, gql).await
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
