# Multi-stage build: a static binary in a small, non-root runtime image.
#   docker build -t coach .
#   docker run --rm -p 8080:8080 coach

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The article and the page are embedded, so the binary is all the image needs.
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/coach ./cmd/coach

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/coach /usr/local/bin/coach
ENV COACH_ADDR=0.0.0.0:8080 \
    GIN_MODE=release
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/coach"]
CMD ["serve"]
