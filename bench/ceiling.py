"""The ceiling every figure is divided by: DRF answering a constant object, no database."""

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

BODY = {"status": "ok", "service": "cme", "version": 1}


class CeilingView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response(BODY)
