"""OpenAPI 3.1 description of the search API, built from the same facet and sort lists."""

from methods.models.evidence import LEVEL_SLUGS

from .facets import FACETS
from .params import MAX_PER_PAGE, PER_PAGE, SORTS
from .text import MAX_QUERY_LENGTH


def _facet_parameter(facet):
    return {
        "name": facet.param, "in": "query", "required": False, "explode": True,
        "description": f"{facet.label}: one or more values (repeat the parameter). Several values of one "
                       "facet are combined with OR, different facets with AND. Unknown values are ignored.",
        "schema": {"type": "array", "items": {"type": "string"}},
    }


# Beyond the per-address rate limit (catalogue/ratelimit.py, API_RATE_LIMITS).
TOO_MANY_REQUESTS = {
    "description": "Too many requests from this address; retry after the number of seconds in Retry-After.",
    "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
    "content": {"application/json": {"schema": {"type": "object", "properties": {
        "error": {"type": "string"}, "retry_after": {"type": "integer"}}}}},
}


def openapi_document(server_url):
    option = {"type": "object", "required": ["value", "label", "count", "selected"], "properties": {
        "value": {"type": "string"}, "label": {"type": "string"},
        "count": {"type": "integer", "description": "Methods with this value given the other facets' filters."},
        "selected": {"type": "boolean"}}}
    highlight = {"type": ["string", "null"], "description": "Escaped HTML with <mark> around matches."}
    result = {"type": "object", "properties": {
        "slug": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string", "format": "uri"},
        "summary": {"type": "string"},
        "evidence_level": {"type": "object", "properties": {
            "value": {"type": "integer", "minimum": 0, "maximum": 5},
            "slug": {"type": "string", "enum": list(LEVEL_SLUGS.values())}, "label": {"type": "string"}}},
        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
            "type": "object", "properties": {"value": {"type": "string"}, "label": {"type": "string"}}}}},
        "highlights": {"type": "object", "properties": {
            "title": highlight, "summary": highlight, "text": {"type": "array", "items": {"type": "string"}}}},
    }}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Preventiecatalogus Mensenhandel: zoeken", "version": "1.0",
                 "description": "Full-text and faceted search over the live methods of the catalogue. "
                                "The same parameters drive the search page /zoeken/."},
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/search/": {"get": {
                "summary": "Search methods",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string"},
                     "description": f"Search words; cut at {MAX_QUERY_LENGTH} characters. Any characters are "
                                    "allowed and taken literally."},
                    *(_facet_parameter(facet) for facet in FACETS),
                    {"name": "sorteer", "in": "query", "schema": {"type": "string", "enum": list(SORTS),
                                                                  "default": "relevantie"}},
                    {"name": "pagina", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1},
                     "description": "A page beyond the last returns the last page."},
                    {"name": "per_pagina", "in": "query",
                     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE}},
                ],
                "responses": {
                    "200": {"description": "One page of results with facet counts.", "content": {
                        "application/json": {"schema": {"type": "object", "properties": {
                            "query": {"type": "object"},
                            "total": {"type": "integer"}, "page": {"type": "integer"},
                            "num_pages": {"type": "integer"},
                            "backend": {"type": "string", "enum": ["engine", "database"]},
                            "degraded": {"type": "boolean",
                                         "description": "The engine is configured but failed; the database answered."},
                            "suggestion": {"type": ["string", "null"], "description": "'Did you mean': the query with words the catalogue does not contain replaced by the nearest catalogue word."},
                            "widened": {"type": "boolean", "description": "No method has all the words: the results have some of them."},
                            "facet_suggestions": {
                                "type": "array",
                                "description": "Filters that words of the query name, with the number of results "
                                               "that carry them: add param=value to the request to apply one.",
                                "items": {"type": "object", "properties": {
                                    "param": {"type": "string"}, "facet_label": {"type": "string"},
                                    "value": {"type": "string"}, "label": {"type": "string"},
                                    "count": {"type": "integer"}}}},
                            "results": {"type": "array", "items": result},
                            "facets": {"type": "array", "items": {"type": "object", "properties": {
                                "param": {"type": "string"}, "label": {"type": "string"},
                                "options": {"type": "array", "items": option}}}},
                        }}}}},
                    "400": {"description": "Malformed parameters.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {
                            "error": {"type": "string"},
                            "details": {"type": "object", "additionalProperties": {"type": "string"}}}}}}},
                    "429": TOO_MANY_REQUESTS,
                },
            }},
            "/api/search/autocomplete/": {"get": {
                "summary": "Method titles for a search box",
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Up to eight titles.", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"q": {"type": "string"}, "suggestions": {
                        "type": "array", "items": {"type": "object", "properties": {
                            "title": {"type": "string"}, "url": {"type": "string"}}}}}}}}},
                             "429": TOO_MANY_REQUESTS},
            }},
        },
    }
